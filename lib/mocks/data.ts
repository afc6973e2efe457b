/**
 * Deterministic datasets of the mock APIs (seeded PRNG: the same records on every run and machine).
 * Each listing holds 250 distinct records plus one later, updated version of an earlier record, so a
 * merge by key has exactly one duplicate to collapse.
 */
export type Rec = { [key: string]: unknown };

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const guid = (r: () => number) => {
  const hex = () => Math.floor(r() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join("");
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
};

const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);
const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper", "krypton", "lumen"];
const CITIES = ["Berlin", "Lisbon", "Oslo", "Toronto", "Nairobi", "Osaka", "Austin", "Porto"];
const NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen", "Ken Thompson"];

/** 250 generic records (seeds 000–003: id, name, value, created_at, …) + an update of id 42 on page 3. */
function buildResource(): Rec[] {
  const r = prng(2980377901);
  const out: Rec[] = [];
  for (let id = 1; id <= 250; id++) {
    const created = BASE_TIME + id * 3_600_000;
    out.push({
      id,
      name: `${pick(r, WORDS)}-${pick(r, WORDS)}-${id}`,
      value: r() < 0.15 ? null : Math.round(r() * 100_000) / 100,
      status: pick(r, ["active", "archived", "pending"]),
      created_at: iso(created),
      updated_at: iso(created + Math.floor(r() * 86_400_000)),
      tags: Array.from({ length: Math.floor(r() * 4) }, () => pick(r, WORDS)),
      owner: { id: 1000 + Math.floor(r() * 50), name: pick(r, NAMES), address: { city: pick(r, CITIES), postal_code: r() < 0.2 ? null : String(10000 + Math.floor(r() * 89999)) } },
      metadata: r() < 0.5 ? null : { source: pick(r, ["import", "api", "ui"]), version: 1 + Math.floor(r() * 3) },
    });
  }
  const original = out[41] as Rec;
  out.splice(230, 0, { ...original, name: `${String(original.name)} (renamed)`, value: 4242.42, status: "active", updated_at: iso(BASE_TIME + 400 * 86_400_000) });
  return out;
}

function buildContacts(): Rec[] {
  const r = prng(435);
  const out: Rec[] = [];
  for (let i = 0; i < 250; i++) {
    const name = `${pick(r, NAMES)} ${pick(r, ["Ltd", "GmbH", "& Co", "Inc", "LLC"])}`;
    out.push({
      ContactID: guid(r),
      Name: name,
      EmailAddress: r() < 0.1 ? null : `${name.split(" ")[0]!.toLowerCase()}.${i}@example.com`,
      ContactStatus: pick(r, ["ACTIVE", "ARCHIVED"]),
      IsSupplier: r() < 0.4,
      IsCustomer: r() < 0.7,
      Addresses: Array.from({ length: 1 + Math.floor(r() * 2) }, (_, k) => ({ AddressType: k === 0 ? "POBOX" : "STREET", City: pick(r, CITIES), PostalCode: String(1000 + Math.floor(r() * 8999)) })),
      Phones: [{ PhoneType: "DEFAULT", PhoneNumber: r() < 0.3 ? null : String(5550000 + Math.floor(r() * 9999)) }],
      UpdatedDateUTC: iso(BASE_TIME + i * 7_200_000),
    });
  }
  const original = out[17] as Rec;
  out.splice(240, 0, { ...original, ContactStatus: "ARCHIVED", UpdatedDateUTC: iso(BASE_TIME + 500 * 86_400_000) });
  return out;
}

function buildBankTransactions(contacts: Rec[]): Rec[] {
  const r = prng(4004);
  const out: Rec[] = [];
  for (let i = 0; i < 250; i++) {
    const contact = contacts[Math.floor(r() * 250)] as Rec;
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({ LineItemID: guid(r), Description: `${pick(r, WORDS)} service ${k + 1}`, Quantity: 1 + Math.floor(r() * 5), UnitAmount: Math.round(r() * 50_000) / 100, AccountCode: String(200 + Math.floor(r() * 300)) }));
    const total = Math.round(lines.reduce((s, l) => s + l.Quantity * l.UnitAmount, 0) * 100) / 100;
    out.push({
      BankTransactionID: guid(r),
      Type: pick(r, ["SPEND", "RECEIVE"]),
      Status: pick(r, ["AUTHORISED", "DELETED"]),
      Reference: r() < 0.3 ? null : `INV-${10_000 + i}`,
      IsReconciled: r() < 0.6,
      CurrencyCode: pick(r, ["EUR", "USD", "GBP"]),
      Total: total,
      Contact: { ContactID: contact.ContactID, Name: contact.Name },
      LineItems: lines,
      Date: iso(BASE_TIME + i * 86_400_000).slice(0, 10),
      UpdatedDateUTC: iso(BASE_TIME + i * 3_600_000),
    });
  }
  const original = out[99] as Rec;
  out.splice(240, 0, { ...original, IsReconciled: true, Status: "AUTHORISED", UpdatedDateUTC: iso(BASE_TIME + 600 * 86_400_000) });
  return out;
}

let cache: { resource: Rec[]; contacts: Rec[]; bankTransactions: Rec[] } | null = null;

/** The datasets, built once per process on first use. */
export function datasets() {
  if (!cache) {
    const contacts = buildContacts();
    cache = { resource: buildResource(), contacts, bankTransactions: buildBankTransactions(contacts) };
  }
  return cache;
}
