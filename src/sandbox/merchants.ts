/**
 * The merchant list of sandbox.md §2.3. Card spending items (stream kinds `S` and `P`, and the
 * pending script of §3.3) take entry `u1 mod 32` as their description.
 */
export const merchants: readonly string[] = [
  'WOOLWORTHS 1234 SYDNEY',
  'COLES 0456 NEWTOWN',
  'ALDI STORES 7781 MARRICKVILLE',
  'UBER *EATS HELP.UBER.COM',
  'UBER *TRIP HELP.UBER.COM',
  '7-ELEVEN 2198 SURRY HILLS',
  'BP CONNECT REDFERN',
  'TRANSPORTFORNSW OPAL',
  'JB HI-FI BROADWAY',
  'KMART 1042 BONDI JUNCTION',
  'NETFLIX.COM',
  'SPOTIFY AUSTRALIA',
  'CAFE NERO SYDNEY',
  'GUZMAN Y GOMEZ 052',
  'MCDONALDS 0877 ULTIMO',
  'CHEMIST WAREHOUSE 311',
  'BUNNINGS 4410 ALEXANDRIA',
  'DAN MURPHYS 5212',
  'OFFICEWORKS 0611',
  'AMAZON MKTPLC AU',
  'EBAY AUSTRALIA',
  'TARGET 5533 TOP RYDE',
  'IGA NEUTRAL BAY',
  'HARRIS FARM MARKETS',
  'THE ICONIC',
  'BOOST JUICE 2291',
  'HOYTS BROADWAY',
  'GOOGLE YOUTUBE PREMIUM',
  'APPLE.COM/BILL',
  'MENULOG PTY LTD',
  'SHELL COLES EXPRESS 1879',
  'PRICELINE PHARMACY 418',
];

/** The description of merchant `index` (0–31); a RangeError for any other index. */
export function merchantDescription(index: number): string {
  const description = merchants[index];
  if (description === undefined) throw new RangeError(`No sandbox merchant ${index}`);
  return description;
}
