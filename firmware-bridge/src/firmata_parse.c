/* Firmata framing (see firmata_parse.h). */
#include "firmata_parse.h"

enum { IDLE, DATA, SKIP, SYSEX, SYSEX_OVERLONG };

#define START_SYSEX 0xF0
#define END_SYSEX 0xF7

/* Data bytes each command from the station carries; -1: not a command we know. */
static int data_bytes(uint8_t status) {
  if (status < 0xF0) {
    switch (status & 0xF0) {
      case 0x90: return 2; /* digital port write */
      case 0xE0: return 2; /* analog (PWM) write */
      case 0xC0: return 1; /* report analog channel on/off */
      case 0xD0: return 1; /* report digital port on/off */
      default: return -1;
    }
  }
  switch (status) {
    case 0xF4: return 2; /* set pin mode: pin, mode */
    case 0xF5: return 2; /* set digital pin value: pin, level */
    case 0xF9: return 0; /* report version request */
    case 0xFF: return 0; /* system reset */
    default: return -1;
  }
}

void fp_init(fp_parser *p) {
  p->state = IDLE;
  p->cmd = 0;
  p->channel = 0;
  p->need = 0;
  p->have = 0;
  p->sysex_len = 0;
  p->dropped = 0;
}

static int complete_command(fp_parser *p, fp_message *out) {
  out->kind = FP_COMMAND;
  out->cmd = p->cmd;
  out->channel = p->channel;
  out->data[0] = p->have > 0 ? p->data[0] : 0;
  out->data[1] = p->have > 1 ? p->data[1] : 0;
  out->sysex = 0;
  out->sysex_len = 0;
  p->state = IDLE;
  return 1;
}

static int start(fp_parser *p, uint8_t status, fp_message *out) {
  if (status == START_SYSEX) {
    p->state = SYSEX;
    p->sysex_len = 0;
    return 0;
  }
  int n = data_bytes(status);
  if (n < 0) { /* unknown command: ignore it and its data bytes */
    p->state = SKIP;
    p->dropped++;
    return 0;
  }
  p->cmd = status < 0xF0 ? (uint8_t)(status & 0xF0) : status;
  p->channel = status < 0xF0 ? (uint8_t)(status & 0x0F) : 0;
  p->need = (uint8_t)n;
  p->have = 0;
  if (n == 0) return complete_command(p, out);
  p->state = DATA;
  return 0;
}

int fp_feed(fp_parser *p, uint8_t byte, fp_message *out) {
  out->kind = FP_NONE;
  if (byte & 0x80) {
    if (byte == END_SYSEX) {
      if (p->state == SYSEX && p->sysex_len > 0) {
        p->state = IDLE;
        out->kind = FP_SYSEX;
        out->cmd = START_SYSEX;
        out->channel = 0;
        out->sysex = p->sysex;
        out->sysex_len = p->sysex_len;
        return 1;
      }
      /* a stray or overlong end: drop what was collected */
      if (p->state != SYSEX_OVERLONG) p->dropped++;
      p->state = IDLE;
      return 0;
    }
    /* any other status byte interrupts whatever was in progress */
    if (p->state == DATA || p->state == SYSEX || p->state == SYSEX_OVERLONG) p->dropped++;
    return start(p, byte, out);
  }
  switch (p->state) {
    case DATA:
      p->data[p->have++] = byte;
      if (p->have == p->need) return complete_command(p, out);
      return 0;
    case SYSEX:
      if (p->sysex_len < FP_SYSEX_MAX) {
        p->sysex[p->sysex_len++] = byte;
      } else {
        p->state = SYSEX_OVERLONG;
        p->dropped++;
      }
      return 0;
    case SYSEX_OVERLONG:
    case SKIP:
      return 0;
    default: /* data byte with no command */
      p->dropped++;
      return 0;
  }
}
