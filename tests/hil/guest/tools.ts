/** Runs the Debian command-line tools (i2c-tools, gpiod) as a second, independent view of the kernel. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function tool(cmd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { timeout: 10_000 });
  return stdout.trim();
}

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/** Reads one register with i2cget (byte data). */
export async function i2cgetByte(bus: number, address: number, register: number): Promise<number> {
  return Number(await tool('i2cget', '-y', String(bus), hex(address), hex(register), 'b'));
}

/** Writes one SMBus word with i2cset: the low byte goes on the wire first. */
export async function i2csetWord(bus: number, address: number, register: number, word: number): Promise<void> {
  await tool('i2cset', '-y', String(bus), hex(address), hex(register), `0x${word.toString(16).padStart(4, '0')}`, 'w');
}

export async function i2csetByte(bus: number, address: number, register: number, byte: number): Promise<void> {
  await tool('i2cset', '-y', String(bus), hex(address), hex(register), hex(byte), 'b');
}

/** The register a big-endian chip (INA219) shows as `value`, in SMBus word order. */
export const bigEndianWord = (value: number): number => ((value & 0xff) << 8) | ((value >> 8) & 0xff);

/** Registers first..last of a chip as i2cdump reads them (byte mode, one process). */
export async function i2cdumpBytes(bus: number, address: number, first: number, last: number): Promise<Uint8Array> {
  const out = await tool('i2cdump', '-y', '-r', `${hex(first)}-${hex(last)}`, String(bus), hex(address), 'b');
  const bytes: number[] = [];
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{2}):\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const row = Number.parseInt(m[1]!, 16);
    m[2]!
      .split(/\s+/)
      .slice(0, 16)
      .forEach((tok, i) => {
        const reg = row + i;
        if (reg >= first && reg <= last && /^[0-9a-f]{2}$/.test(tok)) bytes[reg - first] = Number.parseInt(tok, 16);
      });
  }
  if (bytes.length !== last - first + 1 || bytes.includes(undefined as unknown as number))
    throw new Error(`i2cdump gave no registers ${hex(first)}-${hex(last)}:\n${out}`);
  return Uint8Array.from(bytes);
}
