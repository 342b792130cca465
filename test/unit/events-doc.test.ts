// docs/events.md is generated from the event catalogue; this fails when it was not regenerated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventTypes } from '../../functions/events/catalogue';
import {
  CATALOGUE_FILE,
  descriptionsFrom,
  EVENTS_DOC_FILE,
  eventsDoc,
  renderEventsDoc,
} from '../../scripts/events-doc';

describe('Script: events-doc', () => {
  it('docs/events.md matches the catalogue (run `npx tsx scripts/events-doc.ts` when this fails)', () => {
    expect(readFileSync(EVENTS_DOC_FILE, 'utf8')).toBe(eventsDoc());
  });

  it('documents every event type with the JSON schema of its detail', () => {
    const doc = renderEventsDoc(readFileSync(CATALOGUE_FILE, 'utf8'));
    for (const type of eventTypes) expect(doc).toContain(`### \`${type}\``);
    expect(doc).toContain('"documentId"');
    expect(doc).toContain('"format": "date-time"');
  });

  it('takes each description from the doc comment right above its entry', () => {
    const source = `export const eventDetails = {
  'a.made': z.object({}),
  /**
   * Something
   * happened.
   */
  'b.done': z.object({ x: z.string() }),
  /** One line. */
  'c.seen': z.object({}),
};`;
    const d = descriptionsFrom(source);
    expect(d.get('a.made')).toBeUndefined();
    expect(d.get('b.done')).toBe('Something happened.');
    expect(d.get('c.seen')).toBe('One line.');
  });

  it("takes no text from a field's comment or an entry above (and reads types with `_`)", () => {
    const source = `/** The catalogue. */
export const eventDetails = {
  'a.made': z.object({}),
  /** Made. */
  'b.made': z.object({
    /** A field. */
    x: z.string(),
  }),
  /** Then this. */
  'c.item_done': z.object({}),
  // ── a section ──
  /** And that. */
  'd.seen': z.object({}),
};`;
    const d = descriptionsFrom(source);
    expect(d.get('a.made')).toBeUndefined();
    expect(d.get('b.made')).toBe('Made.');
    expect(d.get('c.item_done')).toBe('Then this.');
    expect(d.get('d.seen')).toBe('And that.');
  });
});
