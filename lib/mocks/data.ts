/**
 * Deterministic datasets of the seed APIs (seeded PRNG: the same records on every run and machine),
 * built lazily once per module load and shared read-only by every mock instance. Each listing holds
 * 250 distinct records plus one later, updated version of an earlier record, placed on a later page
 * than the original, so a merge by key has exactly one duplicate to collapse.
 */
import { guid, pick, prng, type Rng } from "./prng";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Rec = { [key: string]: JsonValue };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const day = 86_400_000;
const hour = 3_600_000;
const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);
const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper", "krypton", "lumen"];
const CITIES = ["Berlin", "Lisbon", "Oslo", "Toronto", "Nairobi", "Osaka", "Austin", "Porto"];
const COUNTRIES: Record<string, string> = {
  Berlin: "DE",
  Lisbon: "PT",
  Oslo: "NO",
  Toronto: "CA",
  Nairobi: "KE",
  Osaka: "JP",
  Austin: "US",
  Porto: "PT",
};
const NAMES = [
  "Ada Lovelace",
  "Grace Hopper",
  "Alan Turing",
  "Edsger Dijkstra",
  "Barbara Liskov",
  "Donald Knuth",
  "Frances Allen",
  "Ken Thompson",
];

export const DISTINCT = 250;

/** Inserts an updated copy of `rows[original]` at `at` (a later page). */
function withUpdate(rows: Rec[], original: number, at: number, changes: (r: Rec) => Rec): Rec[] {
  const row = rows[original] as Rec;
  rows.splice(at, 0, { ...row, ...changes(row) });
  return rows;
}

/** /v1/resource (seeds 000–003): id, name, value (nullable), status, timestamps, tags, owner.address, metadata. */
function buildResource(): Rec[] {
  const r = prng(2980377901);
  const rows: Rec[] = [];
  for (let id = 1; id <= DISTINCT; id++) {
    const created = BASE_TIME + id * hour;
    const city = pick(r, CITIES);
    rows.push({
      id,
      name: `${pick(r, WORDS)}-${pick(r, WORDS)}-${id}`,
      value: r() < 0.15 ? null : Math.round(r() * 100_000) / 100,
      status: pick(r, ["active", "archived", "pending"]),
      created_at: iso(created),
      updated_at: iso(created + Math.floor(r() * day)),
      tags: Array.from({ length: Math.floor(r() * 4) }, () => pick(r, WORDS)),
      owner: {
        id: 1000 + Math.floor(r() * 50),
        name: pick(r, NAMES),
        address: { city, country: COUNTRIES[city] ?? null, postal_code: r() < 0.2 ? null : String(10000 + Math.floor(r() * 89999)) },
      },
      metadata: r() < 0.5 ? null : { source: pick(r, ["import", "api", "ui"]), version: 1 + Math.floor(r() * 3) },
    });
  }
  // id 42 (page 1) is updated and listed again on page 3 (offset 200).
  return withUpdate(rows, 41, 230, (o) => ({
    name: `${String(o.name)} (renamed)`,
    value: 4242.42,
    status: "active",
    updated_at: iso(BASE_TIME + 400 * day),
  }));
}

function address(r: Rng, type: string): Rec {
  const city = pick(r, CITIES);
  return {
    AddressType: type,
    AddressLine1: r() < 0.2 ? null : `${1 + Math.floor(r() * 200)} ${pick(r, WORDS)} street`,
    City: city,
    PostalCode: String(1000 + Math.floor(r() * 8999)),
    Country: COUNTRIES[city] ?? null,
  };
}

/** /v1/contacts (seed 004): keyed ContactID, nested Addresses and Phones, no `id`. */
function buildContacts(): Rec[] {
  const r = prng(435);
  const rows: Rec[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const person = pick(r, NAMES);
    const name = `${person} ${pick(r, ["Ltd", "GmbH", "& Co", "Inc", "LLC"])}`;
    rows.push({
      ContactID: guid(r),
      Name: name,
      FirstName: person.split(" ")[0] ?? null,
      LastName: person.split(" ")[1] ?? null,
      EmailAddress: r() < 0.1 ? null : `${(person.split(" ")[0] ?? "info").toLowerCase()}.${i}@example.com`,
      ContactStatus: pick(r, ["ACTIVE", "ARCHIVED"]),
      IsSupplier: r() < 0.4,
      IsCustomer: r() < 0.7,
      TaxNumber: r() < 0.5 ? null : `TX${100000 + Math.floor(r() * 899999)}`,
      Addresses: Array.from({ length: 1 + Math.floor(r() * 2) }, (_, k) => address(r, k === 0 ? "POBOX" : "STREET")),
      Phones: [
        {
          PhoneType: "DEFAULT",
          PhoneNumber: r() < 0.3 ? null : String(5550000 + Math.floor(r() * 9999)),
          PhoneCountryCode: r() < 0.5 ? null : "1",
        },
      ],
      UpdatedDateUTC: iso(BASE_TIME + i * 2 * hour),
    });
  }
  // Contact 18 (page 0) is archived later and listed again on page 2.
  return withUpdate(rows, 17, 240, () => ({ ContactStatus: "ARCHIVED", UpdatedDateUTC: iso(BASE_TIME + 500 * day) }));
}

/** /v1/bank_transactions (seed 004): keyed BankTransactionID, nested Contact and LineItems, no `id`. */
function buildBankTransactions(contacts: readonly Rec[]): Rec[] {
  const r = prng(4004);
  const rows: Rec[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const contact = contacts[Math.floor(r() * DISTINCT)] as Rec;
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
      LineItemID: guid(r),
      Description: `${pick(r, WORDS)} service ${k + 1}`,
      Quantity: 1 + Math.floor(r() * 5),
      UnitAmount: Math.round(r() * 50_000) / 100,
      AccountCode: String(200 + Math.floor(r() * 300)),
      TaxType: r() < 0.3 ? null : pick(r, ["OUTPUT", "INPUT", "NONE"]),
    }));
    const subTotal = Math.round(lines.reduce((s, l) => s + l.Quantity * l.UnitAmount, 0) * 100) / 100;
    const tax = Math.round(subTotal * 0.2 * 100) / 100;
    rows.push({
      BankTransactionID: guid(r),
      Type: pick(r, ["SPEND", "RECEIVE"]),
      Status: pick(r, ["AUTHORISED", "DELETED"]),
      Reference: r() < 0.3 ? null : `INV-${10_000 + i}`,
      IsReconciled: r() < 0.6,
      CurrencyCode: pick(r, ["EUR", "USD", "GBP"]),
      SubTotal: subTotal,
      TotalTax: tax,
      Total: Math.round((subTotal + tax) * 100) / 100,
      Contact: { ContactID: contact.ContactID ?? null, Name: contact.Name ?? null },
      BankAccount: { AccountID: `acc-${1 + Math.floor(r() * 3)}`, Code: "090", Name: "Business Account" },
      LineItems: lines,
      Date: iso(BASE_TIME + i * day).slice(0, 10),
      UpdatedDateUTC: iso(BASE_TIME + i * hour),
    });
  }
  // Transaction 100 (last of page 0) is reconciled later and listed again on page 2.
  return withUpdate(rows, 99, 240, () => ({ IsReconciled: true, Status: "AUTHORISED", UpdatedDateUTC: iso(BASE_TIME + 600 * day) }));
}

let cache: { resource: readonly Rec[]; contacts: readonly Rec[]; bankTransactions: readonly Rec[] } | null = null;

function datasets() {
  if (!cache) {
    const contacts = buildContacts();
    cache = { resource: buildResource(), contacts, bankTransactions: buildBankTransactions(contacts) };
  }
  return cache;
}

export const resourceRecords = (): readonly Rec[] => datasets().resource;
export const contactRecords = (): readonly Rec[] => datasets().contacts;
export const bankTransactionRecords = (): readonly Rec[] => datasets().bankTransactions;
