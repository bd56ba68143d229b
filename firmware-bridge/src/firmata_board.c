/* The companion board's Firmata behaviour (see firmata_board.h). */
#include "firmata_board.h"

#define FIRMATA_MAJOR 2
#define FIRMATA_MINOR 5
static const char firmware_name[] = "ktp-bridge";

/* Messages to the station */
#define DIGITAL_MESSAGE 0x90
#define ANALOG_MESSAGE 0xE0
#define REPORT_VERSION 0xF9
#define START_SYSEX 0xF0
#define END_SYSEX 0xF7
/* Sysex ids */
#define ANALOG_MAPPING_QUERY 0x69
#define ANALOG_MAPPING_RESPONSE 0x6A
#define CAPABILITY_QUERY 0x6B
#define CAPABILITY_RESPONSE 0x6C
#define PIN_STATE_QUERY 0x6D
#define PIN_STATE_RESPONSE 0x6E
#define REPORT_FIRMWARE 0x79
#define SAMPLING_INTERVAL 0x7A
/* Commands from the station */
#define REPORT_ANALOG 0xC0
#define REPORT_DIGITAL 0xD0
#define SET_PIN_MODE 0xF4
#define SET_DIGITAL_PIN_VALUE 0xF5
#define SYSTEM_RESET 0xFF

static int is_uart_pin(uint8_t pin) { return pin < 2; }          /* D0/D1 carry the link itself */
static int is_analog_only(uint8_t pin) { return pin >= 20; }     /* A6/A7 */
static int is_analog_pin(uint8_t pin) { return pin >= FB_FIRST_ANALOG && pin < FB_PINS; }

static int supports(uint8_t pin, uint8_t mode) {
  if (pin >= FB_PINS || is_uart_pin(pin)) return 0;
  if (mode == MODE_ANALOG) return is_analog_pin(pin);
  if (mode == MODE_INPUT || mode == MODE_OUTPUT || mode == MODE_PULLUP) return !is_analog_only(pin);
  return 0;
}

static void send2(uint8_t status, uint16_t value) {
  hw_send(status);
  hw_send(value & 0x7F);
  hw_send((value >> 7) & 0x7F);
}

void fb_announce(void) {
  hw_send(REPORT_VERSION);
  hw_send(FIRMATA_MAJOR);
  hw_send(FIRMATA_MINOR);
  hw_send(START_SYSEX);
  hw_send(REPORT_FIRMWARE);
  hw_send(FIRMATA_MAJOR);
  hw_send(FIRMATA_MINOR);
  for (const char *c = firmware_name; *c; c++) { hw_send(*c & 0x7F); hw_send(0); }
  hw_send(END_SYSEX);
}

void fb_reset(fb_board *b) {
  fp_init(&b->parser);
  for (uint8_t pin = 0; pin < FB_PINS; pin++) {
    b->state[pin] = 0;
    if (is_uart_pin(pin)) { b->mode[pin] = MODE_INPUT; continue; }
    b->mode[pin] = is_analog_pin(pin) ? MODE_ANALOG : MODE_INPUT;
    hw_pin_mode(pin, b->mode[pin]);
  }
  b->report_analog = 0;
  b->report_digital = 0;
  b->port_sent = 0;
  b->sampling_ms = FB_DEFAULT_SAMPLING_MS;
  b->next_sample_ms = 0;
}

static void capability_response(void) {
  static const uint8_t digital_modes[] = { MODE_INPUT, MODE_OUTPUT, MODE_PULLUP };
  hw_send(START_SYSEX);
  hw_send(CAPABILITY_RESPONSE);
  for (uint8_t pin = 0; pin < FB_PINS; pin++) {
    for (uint8_t i = 0; i < sizeof digital_modes; i++) {
      if (supports(pin, digital_modes[i])) { hw_send(digital_modes[i]); hw_send(1); }
    }
    if (supports(pin, MODE_ANALOG)) { hw_send(MODE_ANALOG); hw_send(10); } /* 10-bit ADC */
    hw_send(0x7F); /* end of this pin */
  }
  hw_send(END_SYSEX);
}

static void analog_mapping_response(void) {
  hw_send(START_SYSEX);
  hw_send(ANALOG_MAPPING_RESPONSE);
  for (uint8_t pin = 0; pin < FB_PINS; pin++) hw_send(is_analog_pin(pin) ? pin - FB_FIRST_ANALOG : 0x7F);
  hw_send(END_SYSEX);
}

static void pin_state_response(fb_board *b, uint8_t pin) {
  if (pin >= FB_PINS) return;
  hw_send(START_SYSEX);
  hw_send(PIN_STATE_RESPONSE);
  hw_send(pin);
  hw_send(b->mode[pin]);
  hw_send(b->state[pin] & 0x7F);
  hw_send(END_SYSEX);
}

static void set_pin_mode(fb_board *b, uint8_t pin, uint8_t mode) {
  if (!supports(pin, mode)) return;
  b->mode[pin] = mode;
  b->state[pin] = mode == MODE_PULLUP ? 1 : 0;
  hw_pin_mode(pin, mode);
  b->port_sent &= (uint8_t)~(1 << (pin / 8)); /* report the port afresh */
}

static void write_pin(fb_board *b, uint8_t pin, uint8_t level) {
  if (pin >= FB_PINS || b->mode[pin] != MODE_OUTPUT) return;
  b->state[pin] = level ? 1 : 0;
  hw_digital_write(pin, b->state[pin]);
}

static void on_sysex(fb_board *b, const uint8_t *s, uint8_t len) {
  switch (s[0]) {
    case REPORT_FIRMWARE: fb_announce(); break;
    case CAPABILITY_QUERY: capability_response(); break;
    case ANALOG_MAPPING_QUERY: analog_mapping_response(); break;
    case PIN_STATE_QUERY: if (len >= 2) pin_state_response(b, s[1]); break;
    case SAMPLING_INTERVAL:
      if (len >= 3) {
        uint16_t ms = (uint16_t)(s[1] | (s[2] << 7));
        b->sampling_ms = ms < FB_MIN_SAMPLING_MS ? FB_MIN_SAMPLING_MS : ms;
      }
      break;
    default: break; /* not supported here: ignored */
  }
}

static void on_command(fb_board *b, const fp_message *m) {
  uint16_t value = (uint16_t)(m->data[0] | (m->data[1] << 7));
  switch (m->cmd) {
    case REPORT_VERSION: fb_announce(); break;
    case SYSTEM_RESET: fb_reset(b); break;
    case SET_PIN_MODE: set_pin_mode(b, m->data[0], m->data[1]); break;
    case SET_DIGITAL_PIN_VALUE: write_pin(b, m->data[0], m->data[1]); break;
    case DIGITAL_MESSAGE:
      for (uint8_t bit = 0; bit < 8; bit++) write_pin(b, (uint8_t)(m->channel * 8 + bit), (value >> bit) & 1);
      break;
    case REPORT_ANALOG:
      if (m->channel >= FB_ANALOG_CHANNELS) break;
      if (m->data[0]) b->report_analog |= (uint8_t)(1 << m->channel);
      else b->report_analog &= (uint8_t)~(1 << m->channel);
      break;
    case REPORT_DIGITAL:
      if (m->channel >= FB_PORTS) break;
      if (m->data[0]) b->report_digital |= (uint8_t)(1 << m->channel);
      else b->report_digital &= (uint8_t)~(1 << m->channel);
      b->port_sent &= (uint8_t)~(1 << m->channel); /* send the current value at once */
      break;
    default: break; /* analog (PWM) write: no PWM pins offered */
  }
}

void fb_receive(fb_board *b, uint8_t byte) {
  fp_message m;
  if (!fp_feed(&b->parser, byte, &m)) return;
  if (m.kind == FP_SYSEX) on_sysex(b, m.sysex, m.sysex_len);
  else on_command(b, &m);
}

static uint8_t input_mask(const fb_board *b, uint8_t port) {
  uint8_t mask = 0;
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t pin = (uint8_t)(port * 8 + bit);
    if (pin < FB_PINS && !is_uart_pin(pin) && (b->mode[pin] == MODE_INPUT || b->mode[pin] == MODE_PULLUP))
      mask |= (uint8_t)(1 << bit);
  }
  return mask;
}

void fb_poll(fb_board *b, uint32_t now_ms) {
  for (uint8_t port = 0; port < FB_PORTS; port++) {
    if (!(b->report_digital & (1 << port))) continue;
    uint8_t value = hw_read_port(port) & input_mask(b, port);
    if ((b->port_sent & (1 << port)) && value == b->last_port[port]) continue;
    b->last_port[port] = value;
    b->port_sent |= (uint8_t)(1 << port);
    send2((uint8_t)(DIGITAL_MESSAGE | port), value);
  }
  if ((int32_t)(now_ms - b->next_sample_ms) < 0) return;
  b->next_sample_ms = now_ms + b->sampling_ms;
  for (uint8_t ch = 0; ch < FB_ANALOG_CHANNELS; ch++) {
    if (b->report_analog & (1 << ch)) send2((uint8_t)(ANALOG_MESSAGE | ch), hw_analog_read(ch));
  }
}
