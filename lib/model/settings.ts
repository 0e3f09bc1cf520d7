import { z } from 'zod';

/**
 * Matching tolerances (DESIGN.md "Tolerances"). A value passes when it is within every limit that
 * is set; a limit left unset does not constrain. `percent` is of the PO value (price: the PO unit
 * price; quantity: the ordered quantity; total: the PO total). `absolute` is in major units of the
 * PO currency for price and total (1.00 = one dollar, one yen) and in units of goods for quantity.
 */
export const ToleranceSchema = z
  .object({
    percent: z.number().min(0).max(1000).optional(),
    absolute: z.number().min(0).max(1e9).optional(),
  })
  .strict();
export type Tolerance = z.infer<typeof ToleranceSchema>;

export const MatchModeSchema = z.enum(['2way', '3way']);
export type MatchMode = z.infer<typeof MatchModeSchema>;

export const VendorOverrideSchema = z
  .object({
    price: ToleranceSchema.optional(),
    quantity: ToleranceSchema.optional(),
    total: ToleranceSchema.optional(),
    mode: MatchModeSchema.optional(),
  })
  .strict();
export type VendorOverride = z.infer<typeof VendorOverrideSchema>;

export const MatchSettingsSchema = z
  .object({
    price: ToleranceSchema,
    quantity: ToleranceSchema,
    total: ToleranceSchema,
    defaultMode: MatchModeSchema,
    /** Keyed by `vendorKey` (lib/model/keys.ts), so "ACME Inc." and "Acme" share one override. */
    vendorOverrides: z.record(z.string().min(1).max(300), VendorOverrideSchema),
  })
  .strict();
export type MatchSettings = z.infer<typeof MatchSettingsSchema>;

/**
 * DESIGN.md defaults: price +2%, quantity 0 over, total 0% over plus 1.00 of the PO currency.
 * "0% over plus 1.00" is a rounding allowance on top of nothing, i.e. an absolute limit of 1.00 with
 * no percentage limit: with "within every limit set", a `percent: 0` would forbid the rounding cent.
 */
export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  price: { percent: 2 },
  quantity: { absolute: 0 },
  total: { absolute: 1 },
  defaultMode: '2way',
  vendorOverrides: {},
};

/** The tolerances and mode that apply to one vendor: the vendor's override, field by field, over the globals. */
export function settingsForVendor(
  settings: MatchSettings,
  vendorKey: string | undefined,
): { price: Tolerance; quantity: Tolerance; total: Tolerance; mode: MatchMode } {
  const o = vendorKey ? settings.vendorOverrides[vendorKey] : undefined;
  return {
    price: o?.price ?? settings.price,
    quantity: o?.quantity ?? settings.quantity,
    total: o?.total ?? settings.total,
    mode: o?.mode ?? settings.defaultMode,
  };
}
