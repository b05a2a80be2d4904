// GB 11643-1999 citizen identity numbers: 17 digits plus a check character computed with
// weights 2^(17-i) mod 11 (ISO 7064 MOD 11-2); 'X' stands for 10.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentIdCheck(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('a resident ID number starts with 17 digits');
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

export const isValidResidentId = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && residentIdCheck(id.slice(0, 17)) === id[17];
