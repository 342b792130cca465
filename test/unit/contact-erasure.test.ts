import { describe, expect, it } from 'vitest';
import { scrubbed } from '../../functions/store/contact-erasure';

const person = { name: 'Al Vega', email: 'al.vega@client.test', identityId: 'sub-123' };

describe('Function: scrubbed (an erased contact’s copies, decision 0042)', () => {
  it('says "Former contact" for the name, empties the address, drops the identity', () => {
    // Prepare
    const grant = {
      contactName: 'Al Vega',
      contactEmail: 'AL.VEGA@client.test',
      identityId: 'sub-123',
      caseTitle: 'Tax 2026',
    };

    // Act
    const out = scrubbed(grant, person);

    // Assess
    expect(out).toEqual({ contactName: 'Former contact', contactEmail: '', caseTitle: 'Tax 2026' });
  });

  it('rewrites the name and address inside text and nested values, as whole words only', () => {
    const item = {
      title: 'Al Vega uploaded "Final Al Vegas.pdf"',
      search: 'payslips.pdf al vega al.vega@client.test',
      uploadedBy: { kind: 'contact', id: 'c1', name: 'Al Vega' },
      list: ['Al Vega', 'Alvega', 'Royal Vegan'],
      count: 3,
    };

    const out = scrubbed(item, person);

    expect(out).toEqual({
      title: 'Former contact uploaded "Final Al Vegas.pdf"',
      search: 'payslips.pdf former contact former contact',
      uploadedBy: { kind: 'contact', id: 'c1', name: 'Former contact' },
      list: ['Former contact', 'Alvega', 'Royal Vegan'],
      count: 3,
    });
  });

  it('changes nothing that is not the person’s (a second pass finds nothing to do)', () => {
    const item = { title: 'Former contact uploaded a file', n: 1, ok: true, none: null };

    expect(scrubbed(item, person)).toEqual(item);
    expect(scrubbed(scrubbed({ a: 'Al Vega' }, person), person)).toEqual({ a: 'Former contact' });
  });
});
