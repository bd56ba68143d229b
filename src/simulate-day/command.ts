export async function simulateDayCommand(_o: { seed?: string | undefined; date?: string | undefined; json: boolean }): Promise<number> {
  return 2;
}
