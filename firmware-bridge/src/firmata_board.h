/*
 * The companion board's Firmata behaviour: answers the handshake, keeps pin
 * modes and reporting flags, and sends analog and digital reports. Plain C:
 * the hardware is reached only through the hw_* hooks below, which main.c
 * implements on the ATmega328P and the host tests implement with fakes.
 */
#ifndef FIRMATA_BOARD_H
#define FIRMATA_BOARD_H

#include <stdint.h>
#include "firmata_parse.h"

#define FB_PINS 22          /* D0-D13, A0-A5 as D14-D19, A6-A7 (analog only) as 20-21 */
#define FB_FIRST_ANALOG 14  /* pin number of A0 */
#define FB_ANALOG_CHANNELS 8
#define FB_PORTS 3          /* 8 pins per digital port */
#define FB_MIN_SAMPLING_MS 10
#define FB_DEFAULT_SAMPLING_MS 19

/* Firmata pin modes */
#define MODE_INPUT 0x00
#define MODE_OUTPUT 0x01
#define MODE_ANALOG 0x02
#define MODE_PULLUP 0x0B

/* Hardware hooks */
void hw_send(uint8_t byte);
void hw_pin_mode(uint8_t pin, uint8_t mode);
void hw_digital_write(uint8_t pin, uint8_t level);
/* Levels of the 8 pins of a port, bit n = pin port*8+n. */
uint8_t hw_read_port(uint8_t port);
/* 10-bit conversion of analog channel 0-7. */
uint16_t hw_analog_read(uint8_t channel);

typedef struct {
  fp_parser parser;
  uint8_t mode[FB_PINS];
  uint8_t state[FB_PINS];      /* last level written (outputs) or pull-up on (inputs) */
  uint8_t report_analog;       /* bit per analog channel */
  uint8_t report_digital;      /* bit per port */
  uint8_t last_port[FB_PORTS]; /* last value sent per port */
  uint8_t port_sent;           /* bit per port: last_port valid */
  uint16_t sampling_ms;
  uint32_t next_sample_ms;
} fb_board;

/* Puts pins and reporting back to their power-on state (also on 0xFF). */
void fb_reset(fb_board *b);
/* What the board says when it starts: version, then firmware name. */
void fb_announce(void);
/* One byte from the station. */
void fb_receive(fb_board *b, uint8_t byte);
/* Called from the main loop: sends digital changes, and analog values when sampling is due. */
void fb_poll(fb_board *b, uint32_t now_ms);

#endif
