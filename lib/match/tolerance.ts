import { currencyExponent } from '@/lib/model/money';
import type { Tolerance } from '@/lib/model/settings';
import { money } from './describe';

/**
 * Whether `over` (how far a value exceeds its `base`, both integer minor units) is within every
 * limit set. Percentages become basis points so the comparison stays in integers: a float ratio
 * would let 2.0000000001% slip through or fail a value exactly at the limit.
 */
export function withinMoneyTolerance(tol: Tolerance, over: number, base: number, currency: string): boolean {
  if (over <= 0) return true;
  if (tol.percent !== undefined && !withinPercent(over, base, tol.percent)) return false;
  if (tol.absolute !== undefined && over > absoluteMinor(tol.absolute, currency)) return false;
  return true;
}

/** Quantities may be fractional (kg, hours): compared in millionths of a unit. */
export function withinQuantityTolerance(tol: Tolerance, over: number, base: number): boolean {
  const o = Math.round(over * 1e6);
  if (o <= 0) return true;
  const b = Math.round(base * 1e6);
  if (tol.percent !== undefined && !withinPercent(o, b, tol.percent)) return false;
  if (tol.absolute !== undefined && o > Math.round(tol.absolute * 1e6)) return false;
  return true;
}

function withinPercent(over: number, base: number, percent: number): boolean {
  const bp = Math.round(percent * 100);
  const lhs = over * 10000;
  const rhs = base * bp;
  if (Number.isSafeInteger(lhs) && Number.isSafeInteger(rhs)) return lhs <= rhs;
  return BigInt(over) * 10000n <= BigInt(base) * BigInt(bp);
}

/** A tolerance's absolute limit (major units, a setting) in minor units of the currency. */
export function absoluteMinor(absolute: number, currency: string): number {
  return Math.round(absolute * 10 ** currencyExponent(currency));
}

/** "2%", "$1.00", "2% and $1.00", or "none": the limits as a clerk reads them. */
export function describeMoneyTolerance(tol: Tolerance, currency: string): string {
  const parts: string[] = [];
  if (tol.percent !== undefined) parts.push(`${formatNumber(tol.percent)}%`);
  if (tol.absolute !== undefined) parts.push(money(absoluteMinor(tol.absolute, currency), currency));
  return parts.length ? parts.join(' and ') : 'none';
}

export function describeQuantityTolerance(tol: Tolerance): string {
  const parts: string[] = [];
  if (tol.percent !== undefined) parts.push(`${formatNumber(tol.percent)}%`);
  if (tol.absolute !== undefined) parts.push(`${formatNumber(tol.absolute)} ${tol.absolute === 1 ? 'unit' : 'units'}`);
  return parts.length ? parts.join(' and ') : 'none';
}

/** `over / base` as a percentage with one decimal, for display only. */
export function percentOf(over: number, base: number): string {
  if (base === 0) return '∞%';
  return `${(Math.round((over * 1000) / base) / 10).toFixed(1)}%`;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}
