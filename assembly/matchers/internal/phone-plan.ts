// Numbering-plan data for the phone matchers (spec §3.3): which E.164 country codes are
// assigned, and for the regions we know well, the trunk prefix and the length range of the
// national significant number (NSN). Lengths follow the ITU-T E.164 national plans as
// summarised in libphonenumber's metadata; this is our own compact table, not a copy of it.

/** Every assigned E.164 country code (ITU-T list of country codes, incl. shared and global services). */
const ASSIGNED: StaticArray<i32> = [
  1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
  60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
  211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236,
  237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258,
  260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299,
  350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378, 380, 381, 382,
  383, 385, 386, 387, 389, 420, 421, 423,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599,
  670, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692,
  850, 852, 853, 855, 856, 880, 886, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975,
  976, 977, 992, 993, 994, 995, 996, 998,
];

export function isAssignedCountryCode(code: i32): bool {
  for (let i = 0; i < ASSIGNED.length; i++) if (unchecked(ASSIGNED[i]) == code) return true;
  return false;
}

/** One region of the national_phone validator. */
export class RegionPlan {
  constructor(
    public region: string,
    public countryCode: i32,
    /** Digits dialled before a national number, stripped once: "0" in most of Europe, "" where none. */
    public trunkPrefix: string,
    public minLength: i32,
    public maxLength: i32,
  ) {}
}

const NANP_REGIONS = ["US", "CA", "PR", "GU", "VI", "AS", "MP", "BS", "BB", "JM", "TT", "DO", "BM", "KY", "AG", "DM", "GD", "KN", "LC", "VC", "AI", "MS", "TC", "VG", "SX"];

// The regions most seen in traffic (top economies and populations), with their NSN lengths.
const PLANS: RegionPlan[] = [
  new RegionPlan("GB", 44, "0", 9, 10), new RegionPlan("DE", 49, "0", 6, 13), new RegionPlan("FR", 33, "0", 9, 9),
  new RegionPlan("IT", 39, "", 6, 11), new RegionPlan("ES", 34, "", 9, 9), new RegionPlan("PT", 351, "", 9, 9),
  new RegionPlan("NL", 31, "0", 9, 9), new RegionPlan("BE", 32, "0", 8, 9), new RegionPlan("CH", 41, "0", 9, 9),
  new RegionPlan("AT", 43, "0", 4, 13), new RegionPlan("SE", 46, "0", 7, 9), new RegionPlan("NO", 47, "", 8, 8),
  new RegionPlan("DK", 45, "", 8, 8), new RegionPlan("FI", 358, "0", 5, 12), new RegionPlan("PL", 48, "", 9, 9),
  new RegionPlan("IE", 353, "0", 7, 9), new RegionPlan("GR", 30, "", 10, 10), new RegionPlan("CZ", 420, "", 9, 9),
  new RegionPlan("HU", 36, "06", 8, 9), new RegionPlan("RO", 40, "0", 9, 9), new RegionPlan("RU", 7, "8", 10, 10),
  new RegionPlan("UA", 380, "0", 9, 9), new RegionPlan("TR", 90, "0", 10, 10), new RegionPlan("IL", 972, "0", 8, 9),
  new RegionPlan("AE", 971, "0", 8, 9), new RegionPlan("SA", 966, "0", 9, 9), new RegionPlan("IN", 91, "0", 10, 10),
  new RegionPlan("PK", 92, "0", 9, 10), new RegionPlan("CN", 86, "0", 10, 11), new RegionPlan("JP", 81, "0", 9, 10),
  new RegionPlan("KR", 82, "0", 8, 10), new RegionPlan("SG", 65, "", 8, 8), new RegionPlan("HK", 852, "", 8, 8),
  new RegionPlan("TW", 886, "0", 8, 9), new RegionPlan("AU", 61, "0", 9, 9), new RegionPlan("NZ", 64, "0", 8, 10),
  new RegionPlan("BR", 55, "0", 10, 11), new RegionPlan("MX", 52, "", 10, 10), new RegionPlan("AR", 54, "0", 10, 11),
  new RegionPlan("CO", 57, "", 10, 10), new RegionPlan("CL", 56, "", 9, 9), new RegionPlan("ZA", 27, "0", 9, 9),
  new RegionPlan("NG", 234, "0", 8, 10), new RegionPlan("EG", 20, "0", 8, 10), new RegionPlan("KE", 254, "0", 9, 9),
  new RegionPlan("PH", 63, "0", 8, 10), new RegionPlan("ID", 62, "0", 9, 12), new RegionPlan("MY", 60, "0", 9, 10),
  new RegionPlan("TH", 66, "0", 8, 9), new RegionPlan("VN", 84, "0", 9, 10),
];

export function isNanpRegion(region: string): bool {
  return NANP_REGIONS.includes(region);
}

/** The plan for an ISO alpha-2 region (uppercase); null when we do not know it. */
export function regionPlan(region: string): RegionPlan | null {
  if (isNanpRegion(region)) return new RegionPlan(region, 1, "1", 10, 10);
  for (let i = 0; i < PLANS.length; i++) if (PLANS[i].region == region) return PLANS[i];
  return null;
}

/** NSN length range for a country code when we know it (via a region that uses it); [0, 0] otherwise. */
export function nationalLengths(countryCode: i32): StaticArray<i32> {
  const out = new StaticArray<i32>(2);
  if (countryCode == 1) { out[0] = 10; out[1] = 10; return out; }
  for (let i = 0; i < PLANS.length; i++) {
    if (PLANS[i].countryCode == countryCode) { out[0] = PLANS[i].minLength; out[1] = PLANS[i].maxLength; return out; }
  }
  return out;
}
