/**
 * The technician's sheet seen from the office: what was written on site for a visit (report,
 * checklist, parts, start and stop, photos, signature, « Terminé »), read in the record, and the
 * report text and parts corrected by the office before « Terminé » — written as the office's, so
 * a later edit from a phone that had not seen it keeps the office's value and tells the phone
 * (« modifié par le bureau »). A save names the version it corrects: a phone's edit that arrived
 * meanwhile is never overwritten unseen.
 */
import { z } from 'zod';
import { call, STAFF } from './call-spec';
import { Id } from './model';

export const SheetPart = z.object({ label: z.string().trim().min(1).max(200), quantity: z.number().int().min(1).max(9999) });

export const FieldSheet = z.object({
  interventionId: Id,
  report: z.string().nullable(),
  checklist: z.array(z.object({ label: z.string(), done: z.boolean() })),
  parts: z.array(SheetPart),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  /** Who wrote last, and when (null: nothing written yet). */
  updatedBy: z.enum(['phone', 'office']).nullable(),
  updatedAt: z.string().nullable(),
  photos: z.number().int(),
  signed: z.boolean(),
  /** « Terminé » was sent from the phone: the report is made and sent, the sheet no longer changes. */
  done: z.boolean(),
});
export type FieldSheet = z.infer<typeof FieldSheet>;

export const technicianCalls = {
  'technician.sheet': call('read', z.object({ interventionId: Id }).strict(), FieldSheet, STAFF),
  'technician.saveSheet': call(
    'write',
    z
      .object({
        interventionId: Id,
        /** The `updatedAt` of the sheet being corrected (null: nothing was written yet). */
        expectedUpdatedAt: z.string().max(40).nullable(),
        report: z.string().max(20_000).nullable(),
        parts: z.array(SheetPart).max(100),
      })
      .strict(),
    FieldSheet,
    STAFF,
  ),
} as const;

type TechnicianCalls = typeof technicianCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends TechnicianCalls {}
}
