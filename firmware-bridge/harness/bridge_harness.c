/*
 * Runs the companion board firmware in simavr behind a pseudo-terminal, so the
 * station's real bridge driver can open it like a USB-serial Nano.
 *
 *   bridge-harness FIRMWARE.elf [--link PATH]
 *
 * Prints the pty path (one line) on stdout, then event lines ("open", "close",
 * "reset", "ok ..."). With --link, PATH is made a symlink to the pty, so a
 * station config can keep one path across harness restarts.
 *
 * Commands on stdin, one per line (kept and re-applied after every reset):
 *   adc CH MILLIVOLTS   analog input A0-A7
 *   pin N LEVEL         digital input D2-D13 (0 or 1)
 *   reset               reset the board now
 *   quit
 *
 * One thread: each slice moves bytes between the pty and the UART IRQs, runs
 * the AVR for 1 ms of simulated time, then sleeps until wall-clock catches up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <simavr/avr_adc.h>
#include <simavr/avr_ioport.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_elf.h>
#include <simavr/sim_irq.h>
#include <simavr/sim_time.h>

#define SLICE_US 1000
#define RESET_HOLD_MS 50 /* the Nano's DTR auto-reset pulse; resetting at once lost the boot message */
#define ADC_CHANNELS 8
#define DIGITAL_PINS 20

static avr_t *avr;
static avr_irq_t *uart_in;
static int master = -1;
static int connected; /* a client has the pty open */
static int uart_ready = 1; /* XON: the UART input fifo has room */
static uint8_t to_avr[4096];
static size_t to_avr_len;
static int adc_mv[ADC_CHANNELS];
static int pin_level[DIGITAL_PINS]; /* -1: not driven */

static uint64_t wall_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

static void quiet_logger(avr_t *a, const int level, const char *fmt, va_list ap) {
  (void)a;
  if (level <= LOG_WARNING) vfprintf(stderr, fmt, ap);
}

static void on_uart_out(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq; (void)param;
  uint8_t byte = (uint8_t)value;
  if (connected) (void)!write(master, &byte, 1); /* no client: the byte is lost, as on a real link */
}
static void on_xon(avr_irq_t *irq, uint32_t value, void *param) { (void)irq; (void)value; (void)param; uart_ready = 1; }
static void on_xoff(avr_irq_t *irq, uint32_t value, void *param) { (void)irq; (void)value; (void)param; uart_ready = 0; }

/* force: after a reset, when the IRQs still hold the old values (simavr only passes changes on). */
static void apply_inputs(int force) {
  for (int ch = 0; ch < ADC_CHANNELS; ch++)
    avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0 + ch), (uint32_t)adc_mv[ch]);
  for (int pin = 0; pin < DIGITAL_PINS; pin++) {
    if (pin_level[pin] < 0) continue;
    char port = pin < 8 ? 'D' : pin < 14 ? 'B' : 'C';
    int bit = pin < 8 ? pin : pin < 14 ? pin - 8 : pin - 14;
    avr_irq_t *irq = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ(port), bit);
    if (force) avr_raise_irq(irq, (uint32_t)!pin_level[pin]);
    avr_raise_irq(irq, (uint32_t)pin_level[pin]);
  }
}

static void board_reset(void) {
  avr_reset(avr);
  avr->vcc = avr->avcc = avr->aref = 5000;
  to_avr_len = 0;
  uart_ready = 1;
  apply_inputs(1);
  say("reset");
}

static int command(char *line) {
  int a, b;
  if (sscanf(line, "adc %d %d", &a, &b) == 2 && a >= 0 && a < ADC_CHANNELS && b >= 0 && b <= 5000) {
    adc_mv[a] = b;
    apply_inputs(0);
    say("ok adc %d %d", a, b);
  } else if (sscanf(line, "pin %d %d", &a, &b) == 2 && a >= 2 && a < DIGITAL_PINS) {
    pin_level[a] = b ? 1 : 0;
    apply_inputs(0);
    say("ok pin %d %d", a, pin_level[a]);
  } else if (strncmp(line, "reset", 5) == 0) {
    board_reset();
  } else if (strncmp(line, "quit", 4) == 0) {
    return 0;
  } else if (line[0] != '\0' && line[0] != '\n') {
    say("error unknown command");
  }
  return 1;
}

/* Reads stdin lines; returns 0 on quit or end of input. */
static int read_commands(void) {
  static char buf[512];
  static size_t len;
  ssize_t n = read(STDIN_FILENO, buf + len, sizeof buf - 1 - len);
  if (n <= 0) return n < 0 && errno == EAGAIN;
  len += (size_t)n;
  buf[len] = '\0';
  char *start = buf, *nl;
  while ((nl = strchr(start, '\n')) != NULL) {
    *nl = '\0';
    if (!command(start)) return 0;
    start = nl + 1;
  }
  len = strlen(start);
  memmove(buf, start, len);
  if (len == sizeof buf - 1) len = 0; /* an endless line: drop it */
  return 1;
}

static int open_pty(const char *link) {
  master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0) { perror("pty"); return -1; }
  struct termios tio;
  if (tcgetattr(master, &tio) == 0) { cfmakeraw(&tio); tcsetattr(master, TCSANOW, &tio); }
  const char *path = ptsname(master);
  /* The master reports a hang-up only once a slave has been opened and closed. */
  int slave = open(path, O_RDWR | O_NOCTTY);
  if (slave >= 0) close(slave);
  if (link) {
    unlink(link);
    if (symlink(path, link) < 0) { perror("symlink"); return -1; }
  }
  say("%s", path);
  return 0;
}

/* A client has the pty open when the master sees no hang-up. */
static int client_present(void) {
  struct pollfd p = { .fd = master, .events = POLLIN };
  poll(&p, 1, 0);
  return !(p.revents & POLLHUP);
}

static void pump_pty_to_uart(void) {
  if (to_avr_len < sizeof to_avr) {
    ssize_t n = read(master, to_avr + to_avr_len, sizeof to_avr - to_avr_len);
    if (n > 0) to_avr_len += (size_t)n;
  }
  size_t sent = 0;
  while (sent < to_avr_len && uart_ready) avr_raise_irq(uart_in, to_avr[sent++]);
  memmove(to_avr, to_avr + sent, to_avr_len - sent);
  to_avr_len -= sent;
}

int main(int argc, char **argv) {
  const char *link = NULL;
  if (argc < 2) { fprintf(stderr, "usage: %s FIRMWARE.elf [--link PATH]\n", argv[0]); return 2; }
  if (argc >= 4 && strcmp(argv[2], "--link") == 0) link = argv[3];
  for (int i = 0; i < DIGITAL_PINS; i++) pin_level[i] = -1;
  avr_global_logger_set(quiet_logger);

  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(argv[1], &fw) != 0) { fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
  avr = avr_make_mcu_by_name(fw.mmcu[0] ? fw.mmcu : "atmega328p");
  if (!avr) { fprintf(stderr, "unknown mcu %s\n", fw.mmcu); return 1; }
  avr_init(avr);
  avr->log = LOG_WARNING;
  avr_load_firmware(avr, &fw);
  if (!avr->frequency) avr->frequency = 16000000;
  avr->vcc = avr->avcc = avr->aref = 5000;

  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_out, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_xoff, NULL);

  if (open_pty(link) < 0) return 1;
  fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
  apply_inputs(0);

  uint64_t hold_until = 0; /* wall µs until which the board is held in reset */
  uint64_t base_wall = wall_us();
  avr_cycle_count_t base_cycle = avr->cycle;
  int running = 1;
  while (running) {
    int present = client_present();
    if (present && !connected) { tcflush(master, TCIOFLUSH); say("open"); hold_until = wall_us() + RESET_HOLD_MS * 1000u; }
    if (!present && connected) { say("close"); to_avr_len = 0; tcflush(master, TCIOFLUSH); }
    connected = present;
    if (hold_until && wall_us() >= hold_until) {
      hold_until = 0;
      board_reset();
      base_wall = wall_us();
      base_cycle = avr->cycle;
    }
    if (connected) pump_pty_to_uart();
    if (!hold_until) {
      avr_cycle_count_t target = avr->cycle + avr_usec_to_cycles(avr, SLICE_US);
      while (avr->cycle < target) {
        int state = avr_run(avr);
        if (state == cpu_Done || state == cpu_Crashed) { say("crashed"); board_reset(); break; }
      }
    }
    /* sleep until wall-clock reaches simulated time, waking for stdin */
    uint64_t sim_us = avr_cycles_to_usec(avr, avr->cycle - base_cycle);
    uint64_t now = wall_us() - base_wall;
    int wait_ms = hold_until ? 1 : (sim_us > now ? (int)((sim_us - now) / 1000u) : 0);
    struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
    if (poll(&in, 1, wait_ms) > 0) running = read_commands();
    if (sim_us > now && wait_ms == 0) { /* sub-millisecond remainder */
      struct timespec ts = { 0, (long)(sim_us - now) * 1000L };
      nanosleep(&ts, NULL);
    }
  }
  if (link) unlink(link);
  close(master);
  return 0;
}
