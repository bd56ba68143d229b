/*
 * Firmata framing: turns the byte stream from the station into whole
 * messages. Plain C with no AVR dependency, so the host gcc builds it for the
 * unit tests. A status byte (bit 7 set) always starts a new message, so no
 * byte sequence can leave the parser stuck in the middle of one.
 */
#ifndef FIRMATA_PARSE_H
#define FIRMATA_PARSE_H

#include <stdint.h>

#define FP_SYSEX_MAX 64 /* longest sysex body kept (id + data); longer ones are dropped */

typedef enum {
  FP_NONE = 0,
  FP_COMMAND, /* a MIDI-style command: cmd (with channel/port bits cleared) + up to 2 data bytes */
  FP_SYSEX,   /* a complete sysex: sysex[0] is the id, the rest its data */
} fp_kind;

typedef struct {
  fp_kind kind;
  uint8_t cmd;     /* 0x90, 0xC0, 0xD0, 0xE0, 0xF4, 0xF5, 0xF9, 0xFF ... */
  uint8_t channel; /* low nibble of 0x80-0xEF commands (port or analog channel) */
  uint8_t data[2];
  const uint8_t *sysex;
  uint8_t sysex_len;
} fp_message;

typedef struct {
  uint8_t state;   /* idle, collecting command data, skipping, in sysex, in overlong sysex */
  uint8_t cmd;
  uint8_t channel;
  uint8_t need;    /* data bytes the current command takes */
  uint8_t have;
  uint8_t data[2];
  uint8_t sysex[FP_SYSEX_MAX];
  uint8_t sysex_len;
  uint16_t dropped; /* bytes discarded as garbage, for diagnostics */
} fp_parser;

void fp_init(fp_parser *p);

/* Feeds one byte; returns 1 and fills *out when it completes a message. */
int fp_feed(fp_parser *p, uint8_t byte, fp_message *out);

#endif
