// Deterministic synthetic people for the demo upstream. Nothing here is real: SSNs use area
// numbers 001–665 with non-zero group/serial (well-formed but random), phone numbers sit in the
// 555-01xx range reserved for fiction, emails use example.com, and card numbers are random
// digits behind real issuer prefixes with a valid Luhn check digit, so matchers have something
// realistic to find.

export interface Person {
  id: number;
  name: string;
  email: string;
  phone: string;
  ssn: string;
  card: string;
  dateOfBirth: string;
  address: string;
}

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis", "Radia", "John", "Leslie", "Shafi", "Tim", "Niklaus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie", "Perlman", "Backus", "Lamport", "Goldwasser", "Berners-Lee", "Wirth"];
const STREETS = ["Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm Ct", "Birch Way", "Willow Dr", "Spruce Pl"];
const CITIES = ["Springfield, IL 62701", "Portland, OR 97201", "Austin, TX 78701", "Madison, WI 53703", "Boulder, CO 80302"];
const CARD_PREFIXES = ["4", "51", "37", "6011"];

/** A small deterministic PRNG (mulberry32), so every run serves the same bytes. */
export class Prng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(items: readonly T[]): T { return items[this.int(0, items.length - 1)]; }
  digits(n: number): string { let s = ""; for (let i = 0; i < n; i++) s += String(this.int(0, 9)); return s; }
}

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function cardNumber(rng: Prng): string {
  const prefix = rng.pick(CARD_PREFIXES);
  const length = prefix === "37" ? 15 : 16;
  const payload = prefix + rng.digits(length - 1 - prefix.length);
  const digits = payload + String(luhnCheckDigit(payload));
  return length === 15
    ? `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`
    : digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

function pad(n: number, width: number): string { return String(n).padStart(width, "0"); }

export function person(rng: Prng, id: number): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return {
    id,
    name: `${first} ${last}`,
    email: `${first}.${last}${id}@example.com`.toLowerCase(),
    phone: `(${rng.int(201, 989)}) 555-01${pad(rng.int(0, 99), 2)}`,
    ssn: `${pad(rng.int(1, 665), 3)}-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`,
    card: cardNumber(rng),
    dateOfBirth: `${rng.int(1940, 2004)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`,
    address: `${rng.int(1, 9999)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`,
  };
}

export function people(count: number, seed = 7): Person[] {
  const rng = new Prng(seed);
  const out: Person[] = [];
  for (let i = 1; i <= count; i++) out.push(person(rng, i));
  return out;
}
