/*
 * Host unit tests of the companion board's Firmata logic (firmata_parse.c,
 * firmata_board.c) with fake hardware. Prints TAP: "ok N - name" lines and a
 * closing "# passed P failed F"; exits non-zero on any failure.
 */
#include <stdio.h>
#include <string.h>
#include "firmata_board.h"

/* ---- fake hardware ---- */
static uint8_t out[4096];
static size_t out_len;
static uint8_t fake_port[FB_PORTS];
static uint16_t fake_adc[FB_ANALOG_CHANNELS];
static int written[FB_PINS]; /* -1: never written */
static uint8_t hw_mode[FB_PINS];

void hw_send(uint8_t byte) { if (out_len < sizeof out) out[out_len++] = byte; }
void hw_pin_mode(uint8_t pin, uint8_t mode) { hw_mode[pin] = mode; }
void hw_digital_write(uint8_t pin, uint8_t level) { written[pin] = level; }
uint8_t hw_read_port(uint8_t port) { return fake_port[port]; }
uint16_t hw_analog_read(uint8_t ch) { return fake_adc[ch]; }

/* ---- helpers ---- */
static int passed, failed;
static fb_board board;

static void check(int cond, const char *name) {
  if (cond) printf("ok %d - %s\n", passed + failed + 1, name), passed++;
  else printf("not ok %d - %s\n", passed + failed + 1, name), failed++;
}

static void fresh(void) {
  out_len = 0;
  memset(fake_port, 0, sizeof fake_port);
  memset(fake_adc, 0, sizeof fake_adc);
  for (int i = 0; i < FB_PINS; i++) written[i] = -1;
  fb_reset(&board);
}

static void feed(const uint8_t *bytes, size_t n) {
  for (size_t i = 0; i < n; i++) fb_receive(&board, bytes[i]);
}
#define FEED(...) do { const uint8_t b_[] = { __VA_ARGS__ }; feed(b_, sizeof b_); } while (0)

/* Index of the first occurrence of a byte pattern in the output, or -1. */
static long find(const uint8_t *pat, size_t n) {
  for (size_t i = 0; i + n <= out_len; i++) if (memcmp(out + i, pat, n) == 0) return (long)i;
  return -1;
}
#define HAS(...) ({ const uint8_t p_[] = { __VA_ARGS__ }; find(p_, sizeof p_) >= 0; })

static int version_reply_count(void) {
  int n = 0;
  for (size_t i = 0; i + 2 < out_len; i++) if (out[i] == 0xF9 && out[i + 1] == 2 && out[i + 2] == 5) n++;
  return n;
}

static uint32_t rng = 12345;
static uint8_t rand_byte(void) { rng = rng * 1103515245u + 12345u; return (uint8_t)(rng >> 16); }

/* ---- handshake ---- */
static void test_handshake(void) {
  fresh();
  fb_announce();
  check(out_len > 6 && out[0] == 0xF9 && out[1] == 2 && out[2] == 5, "boot: version 2.5 first");
  check(out[3] == 0xF0 && out[4] == 0x79 && out[out_len - 1] == 0xF7, "boot: firmware name sysex follows");
  check(out[7] == 'k' && out[8] == 0 && out[9] == 't', "boot: name sent as 7-bit pairs");

  fresh();
  FEED(0xF9);
  check(version_reply_count() == 1 && HAS(0xF0, 0x79), "version request answered with version and name");

  fresh();
  FEED(0xF0, 0x79, 0xF7);
  check(HAS(0xF0, 0x79, 2, 5), "firmware query answered");

  fresh();
  FEED(0xF0, 0x6B, 0xF7);
  int ends = 0;
  for (size_t i = 2; i + 1 < out_len; i++) if (out[i] == 0x7F) ends++;
  check(out[0] == 0xF0 && out[1] == 0x6C && ends == FB_PINS, "capability reply lists every pin");
  check(out[2] == 0x7F && out[3] == 0x7F, "capability: D0/D1 (the link) offer no modes");
  check(HAS(0x02, 10, 0x7F, 0x00), "capability: analog pins offer 10-bit ADC");

  fresh();
  FEED(0xF0, 0x69, 0xF7);
  check(out_len == FB_PINS + 3 && out[1] == 0x6A && out[2] == 0x7F && out[2 + 14] == 0 && out[2 + 21] == 7,
        "analog mapping: A0-A7 on pins 14-21");
}

/* ---- pins and reporting ---- */
static void test_pins(void) {
  fresh();
  FEED(0xF4, 7, 0x01);              /* D7 output (relay) */
  FEED(0xF5, 7, 1);
  check(hw_mode[7] == MODE_OUTPUT && written[7] == 1, "set pin mode + set digital pin value drive the relay pin");
  FEED(0xF0, 0x6D, 7, 0xF7);
  check(HAS(0xF0, 0x6E, 7, 0x01, 1, 0xF7), "pin state query reports mode and level");
  FEED(0x90, 0x00, 0x00);           /* port 0 all low */
  check(written[7] == 0 && written[2] == -1, "port write drives output pins only");
  FEED(0xF4, 0, 0x01);
  check(hw_mode[0] != MODE_OUTPUT, "the link's own pins cannot be taken");

  fresh();
  fake_adc[0] = 512;
  FEED(0xC0, 1);
  fb_poll(&board, 1000);
  check(HAS(0xE0, 512 & 0x7F, 512 >> 7), "report analog A0: value sent");
  out_len = 0;
  fb_poll(&board, 1010);
  check(out_len == 0, "no analog report before the sampling interval");
  fb_poll(&board, 1019);
  check(out_len == 3, "analog report again after 19 ms");
  FEED(0xF0, 0x7A, 100, 0, 0xF7);   /* sampling 100 ms */
  out_len = 0;
  fb_poll(&board, 1040);
  fb_poll(&board, 1060);
  check(out_len == 3, "sampling interval 100 ms: one report in 41 ms");
  FEED(0xC0, 0);
  out_len = 0;
  fb_poll(&board, 5000);
  check(out_len == 0, "report analog off stops reports");

  fresh();
  fake_port[0] = 0x04;              /* D2 high (AC present) */
  FEED(0xD0, 1);
  fb_poll(&board, 0);
  check(out_len == 3 && out[0] == 0x90 && out[1] == 0x04, "report digital port 0: current value sent at once");
  out_len = 0;
  fb_poll(&board, 1);
  check(out_len == 0, "no digital report without a change");
  fake_port[0] = 0x00;
  fb_poll(&board, 2);
  check(out_len == 3 && out[1] == 0x00, "digital change reported");
  FEED(0xFF);
  out_len = 0;
  fake_port[0] = 0x04;
  fb_poll(&board, 3);
  check(out_len == 0, "system reset stops reporting");
}

/* ---- a bad byte stream cannot wedge the parser ---- */
static void test_robustness(void) {
  fresh();
  for (int i = 0; i < 256; i++) fb_receive(&board, (uint8_t)i);
  out_len = 0;
  FEED(0xF9);
  check(version_reply_count() == 1, "every byte value once, then a version request: answered");

  int wedged = 0;
  for (int run = 0; run < 5000; run++) {
    fresh();
    int n = rand_byte() % 200;
    for (int i = 0; i < n; i++) fb_receive(&board, rand_byte());
    out_len = 0;
    FEED(0xF9);
    if (version_reply_count() != 1) wedged++;
  }
  check(wedged == 0, "5000 random garbage streams: a version request is always answered");

  fresh();
  FEED(0xF0, 0x6B);                 /* capability query without its end */
  FEED(0xF9);
  check(version_reply_count() == 1 && !HAS(0xF0, 0x6C), "truncated sysex: dropped, next command answered");
  out_len = 0;
  FEED(0xF7);
  check(out_len == 0, "stray sysex end ignored");

  fresh();
  FEED(0xF0, 0x6B);
  for (int i = 0; i < 300; i++) fb_receive(&board, 0x01);
  FEED(0xF7);
  check(out_len == 0, "overlong sysex: dropped whole");
  FEED(0xF0, 0x6B, 0xF7);
  check(HAS(0xF0, 0x6C), "after an overlong sysex the next one is answered");

  fresh();
  FEED(0x01, 0x02, 0x7F, 0x40);     /* data bytes with no command */
  check(out_len == 0, "data bytes without a command: ignored");
  FEED(0xF9);
  check(version_reply_count() == 1, "and the next command answered");

  fresh();
  FEED(0xF4, 7);                    /* set pin mode missing its mode byte */
  FEED(0xF9);
  FEED(0x01);                       /* must not complete the interrupted command */
  check(version_reply_count() == 1 && hw_mode[7] == MODE_INPUT, "command interrupted by another: dropped");

  fresh();
  FEED(0xA0, 0x10, 0x20, 0x30, 0xF9);
  check(version_reply_count() == 1, "unknown command and its data skipped");

  fresh();
  FEED(0xC0);                       /* report analog cut short by sysex */
  FEED(0xF0, 0x69, 0xF7);
  fb_poll(&board, 100);
  check(HAS(0xF0, 0x6A) && !HAS(0xE0), "report analog interrupted by sysex: sysex answered, no report enabled");

  fresh();
  FEED(0xF0, 0xF7);                 /* empty sysex */
  FEED(0xF0, 0x7A, 0xF7);           /* sampling interval without value */
  FEED(0xF0, 0x6D, 0xF7);           /* pin state query without pin */
  FEED(0xF0, 0x6D, 99, 0xF7);       /* pin out of range */
  FEED(0xF9);
  check(version_reply_count() == 1 && board.sampling_ms == FB_DEFAULT_SAMPLING_MS, "short or out-of-range sysex ignored");
  check(board.parser.dropped > 0, "garbage is counted");
}

int main(void) {
  printf("TAP version 13\n");
  test_handshake();
  test_pins();
  test_robustness();
  printf("1..%d\n# passed %d failed %d\n", passed + failed, passed, failed);
  return failed ? 1 : 0;
}
