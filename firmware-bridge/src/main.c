/*
 * Companion board firmware for the ATmega328P (Nano class, 16 MHz), plain
 * avr-libc. Hardware only: UART at 57,600 baud, 1 ms tick, ADC, pin access and
 * the watchdog. The Firmata behaviour lives in firmata_board.c.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/wdt.h>
#include "firmata_board.h"

#define BAUD 57600UL
#define RX_SIZE 64 /* power of two */

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint32_t ticks_ms;

/* The watchdog survives a reset it caused: switch it off before anything else. */
void early_wdt_off(void) __attribute__((naked, used, section(".init3")));
void early_wdt_off(void) {
  MCUSR = 0;
  wdt_disable();
}

ISR(USART_RX_vect) {
  uint8_t byte = UDR0;
  uint8_t next = (uint8_t)((rx_head + 1) & (RX_SIZE - 1));
  if (next != rx_tail) { rx_buf[rx_head] = byte; rx_head = next; } /* full: byte lost */
}

ISR(TIMER0_COMPA_vect) { ticks_ms++; }

static uint32_t now_ms(void) {
  uint8_t sreg = SREG;
  cli();
  uint32_t t = ticks_ms;
  SREG = sreg;
  return t;
}

void hw_send(uint8_t byte) {
  while (!(UCSR0A & (1 << UDRE0))) {}
  UDR0 = byte;
}

/* Pin n -> port register set: D0-D7 on PORTD, D8-D13 on PORTB, A0-A5 (14-19) on PORTC. */
static volatile uint8_t *ddr_of(uint8_t pin) { return pin < 8 ? &DDRD : pin < 14 ? &DDRB : &DDRC; }
static volatile uint8_t *port_of(uint8_t pin) { return pin < 8 ? &PORTD : pin < 14 ? &PORTB : &PORTC; }
static volatile uint8_t *pinreg_of(uint8_t pin) { return pin < 8 ? &PIND : pin < 14 ? &PINB : &PINC; }
static uint8_t bit_of(uint8_t pin) { return (uint8_t)(1 << (pin < 8 ? pin : pin < 14 ? pin - 8 : pin - 14)); }

void hw_pin_mode(uint8_t pin, uint8_t mode) {
  if (pin < 2 || pin >= 20) return; /* UART pins; A6/A7 have no digital side */
  uint8_t bit = bit_of(pin);
  if (mode == MODE_OUTPUT) {
    *ddr_of(pin) |= bit;
  } else {
    *ddr_of(pin) &= (uint8_t)~bit;
    if (mode == MODE_PULLUP) *port_of(pin) |= bit;
    else *port_of(pin) &= (uint8_t)~bit;
  }
}

void hw_digital_write(uint8_t pin, uint8_t level) {
  if (pin < 2 || pin >= 20) return;
  if (level) *port_of(pin) |= bit_of(pin);
  else *port_of(pin) &= (uint8_t)~bit_of(pin);
}

uint8_t hw_read_port(uint8_t port) {
  uint8_t value = 0;
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t pin = (uint8_t)(port * 8 + bit);
    if (pin >= 20) break;
    if (*pinreg_of(pin) & bit_of(pin)) value |= (uint8_t)(1 << bit);
  }
  return value;
}

uint16_t hw_analog_read(uint8_t channel) {
  ADMUX = (uint8_t)((1 << REFS0) | (channel & 0x07)); /* AVCC reference */
  ADCSRA |= (1 << ADSC);
  while (ADCSRA & (1 << ADSC)) {}
  return ADC;
}

static void hw_init(void) {
  /* UART: double speed, 16 MHz / (8 x 57600) - 1 = 34 (as the Arduino core does) */
  UCSR0A = (1 << U2X0);
  UBRR0 = (uint16_t)(F_CPU / (8UL * BAUD) - 1);
  UCSR0B = (1 << RXEN0) | (1 << TXEN0) | (1 << RXCIE0);
  UCSR0C = (1 << UCSZ01) | (1 << UCSZ00); /* 8N1 */
  /* 1 ms tick: timer 0 CTC, prescaler 64, 250 counts */
  TCCR0A = (1 << WGM01);
  TCCR0B = (1 << CS01) | (1 << CS00);
  OCR0A = (uint8_t)(F_CPU / 64 / 1000 - 1);
  TIMSK0 = (1 << OCIE0A);
  /* ADC on, prescaler 128 (125 kHz at 16 MHz) */
  ADCSRA = (1 << ADEN) | (1 << ADPS2) | (1 << ADPS1) | (1 << ADPS0);
}

static fb_board board;

int main(void) {
  hw_init();
  fb_reset(&board);
  wdt_enable(WDTO_500MS); /* a stuck main loop reboots the board */
  sei();
  fb_announce();
  for (;;) {
    wdt_reset();
    while (rx_tail != rx_head) {
      uint8_t byte = rx_buf[rx_tail];
      rx_tail = (uint8_t)((rx_tail + 1) & (RX_SIZE - 1));
      fb_receive(&board, byte);
    }
    fb_poll(&board, now_ms());
  }
}
