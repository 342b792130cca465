// Notification texts on the local stack: one event's email reaches an English, a Spanish and a
// Brazilian Portuguese reader each in their language (or the firm's, for a reader without one), a
// firm's override saved through the API changes the next email and deleting it restores ours, and an
// invalid override is refused at save (422 template_invalid) with nothing written.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../../functions/domain/firm';
import { firmAdminStore } from '../../functions/store/firm';
import { keys, patterns } from '../../functions/store/keys';
import { recordClientUpload } from './support/events';
import { mailTo, type StoredMail } from './support/mail';
import { call, newFirm, newId, partition, type TestFirm, table } from './support/stack';

/** A staff user of the firm who reads in `locale` (none: the firm's language applies). */
async function reader(firm: TestFirm, label: string, locale?: string): Promise<StaffUser> {
  const user: StaffUser = {
    firmId: firm.firmId,
    userId: newId(),
    name: `${label} of ${firm.name}`,
    email: `${label.toLowerCase()}.${newId().toLowerCase()}@firm.test`,
    role: 'staff',
    ...(locale ? { locale } : {}),
    createdAt: new Date().toISOString(),
  };
  await firmAdminStore(table).putStaffUser(user);
  return user;
}

/** A case whose internal recipients are `readers` (email only), and a client contact. */
async function caseFor(firm: TestFirm, readers: StaffUser[]) {
  const created = await call('POST', '/cases', {
    token: firm.admin.token,
    body: { title: 'IRPF 2026', ownerId: firm.staff.userId },
  });
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  const put = await call('PUT', `/cases/${caseId}/recipients`, {
    token: firm.admin.token,
    body: {
      recipients: [
        { userId: firm.staff.userId, inApp: false, email: false },
        ...readers.map((r) => ({ userId: r.userId, inApp: false, email: true })),
      ],
    },
  });
  expect(put.status).toBe(200);
  const contact = await call('POST', '/contacts', {
    token: firm.admin.token,
    body: { name: 'Dora Díaz', email: `dora.${newId().toLowerCase()}@client.test` },
  });
  return { caseId, contactId: contact.body.contactId as string };
}

const overridePath = (templateId: string, locale: string, channel: string) =>
  `/settings/notifications/templates/${templateId}/${locale}/${channel}`;

describe('Function: notify renders each reader’s language', () => {
  it('mails one client upload in English, Spanish and Brazilian Portuguese, and in the firm’s language to a reader without one', async () => {
    // Prepare: a firm whose default language is Spanish; four readers
    const firm = await newFirm('Contadores Unidos');
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.firm(firm.firmId),
        UpdateExpression: 'SET locale = :l',
        ExpressionAttributeValues: { ':l': 'es' },
      }),
    );
    const en = await reader(firm, 'Emma', 'en-GB');
    const es = await reader(firm, 'Elena', 'es');
    const pt = await reader(firm, 'Paulo', 'pt-BR');
    const none = await reader(firm, 'Nadia');
    const { caseId, contactId } = await caseFor(firm, [en, es, pt, none]);

    // Act
    await recordClientUpload(firm, caseId, contactId, 'recibo {março}.pdf');

    // Assess: one mail each, in their language; the file name exactly as uploaded
    const mails = await Promise.all([en, es, pt, none].map((r) => mailTo(r.email)));
    expect(mails.map((m) => m.length)).toEqual([1, 1, 1, 1]);
    const [enMail, esMail, ptMail, noneMail] = mails as [
      StoredMail[],
      StoredMail[],
      StoredMail[],
      StoredMail[],
    ];
    expect(enMail[0]!.subject).toBe('Dora Díaz uploaded recibo {março}.pdf');
    expect(enMail[0]!.body.text).toContain('Dora Díaz uploaded recibo {março}.pdf to IRPF 2026.');
    expect(enMail[0]!.body.text).toContain('Open the case documents:');
    expect(esMail[0]!.subject).toBe('Dora Díaz subió recibo {março}.pdf');
    expect(esMail[0]!.body.text).toMatch(/^Nuevo archivo del cliente\n/);
    expect(esMail[0]!.body.html).toContain('Abrir los documentos del caso');
    expect(ptMail[0]!.subject).toBe('Dora Díaz enviou recibo {março}.pdf');
    expect(ptMail[0]!.body.text).toContain('Dora Díaz enviou recibo {março}.pdf para IRPF 2026.');
    expect(ptMail[0]!.body.html).toContain('Você recebe esta mensagem porque é destinatário');
    expect(noneMail[0]!.subject).toBe('Dora Díaz subió recibo {março}.pdf');
  });
});

describe('Route: /settings/notifications/templates', () => {
  it('saves a firm override that changes the next email, lists it, and DELETE brings our text back', async () => {
    // Prepare
    const firm = await newFirm('Override Firm');
    const es = await reader(firm, 'Elena', 'es');
    const en = await reader(firm, 'Emma', 'en');
    const { caseId, contactId } = await caseFor(firm, [es, en]);
    const path = overridePath('document.uploaded', 'es', 'email');
    const fields = {
      subject: 'Nuevo archivo de {contactName}: {fileName}',
      body: '{contactName} dejó {fileName} en {caseTitle}.\nRevíselo hoy, por favor.',
    };

    // Act: save (twice: an explicit save is idempotent), then an upload
    const saved = await call('PUT', path, { token: firm.admin.token, body: fields });
    const again = await call('PUT', path, { token: firm.admin.token, body: fields });
    await recordClientUpload(firm, caseId, contactId, 'nómina.pdf');

    // Assess: the Spanish reader gets the firm's text, the English one ours
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      templateId: 'document.uploaded',
      eventType: 'document.uploaded',
      category: 'documents',
      audience: 'staff',
      locale: 'es',
      variables: ['contactName', 'fileName', 'caseTitle'],
      overrides: { email: { ...fields, updatedBy: firm.admin.userId } },
    });
    expect(again.status).toBe(200);
    expect(await partition(patterns.templateOverridesOfFirm(firm.firmId).pk)).toHaveLength(1);
    const [esMail] = await mailTo(es.email);
    expect(esMail!.subject).toBe('Nuevo archivo de Dora Díaz: nómina.pdf');
    expect(esMail!.body.text).toContain(
      'Dora Díaz dejó nómina.pdf en IRPF 2026.\n\nRevíselo hoy, por favor.',
    );
    expect((await mailTo(en.email))[0]!.subject).toBe('Dora Díaz uploaded nómina.pdf');

    const listed = await call(
      'GET',
      '/settings/notifications/templates?locale=es&eventType=document.uploaded',
      {
        token: firm.admin.token,
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].overrides.email).toMatchObject(fields);
    expect(listed.body.items[0].shipped.title).toBe('Nuevo archivo del cliente');

    // Act: back to ours (twice: idempotent), then another upload
    const removed = await call('DELETE', path, { token: firm.admin.token });
    const removedAgain = await call('DELETE', path, { token: firm.admin.token });
    await recordClientUpload(firm, caseId, contactId, 'recibo.pdf');

    // Assess
    expect(removed.status).toBe(200);
    expect(removed.body.overrides).toEqual({});
    expect(removedAgain.status).toBe(200);
    expect((await mailTo(es.email)).at(-1)!.subject).toBe('Dora Díaz subió recibo.pdf');
    expect(await partition(patterns.templateOverridesOfFirm(firm.firmId).pk)).toEqual([]);
  });

  it('refuses an invalid override with 422 template_invalid, the field and the parser’s message, writing nothing', async () => {
    const firm = await newFirm('Careful Firm');
    const path = overridePath('invitation.sent', 'pt-BR', 'email');

    const badIcu = await call('PUT', path, {
      token: firm.admin.token,
      body: { subject: 'Convite de {firmName', body: 'Olá' },
    });
    expect(badIcu.status).toBe(422);
    expect(badIcu.body.code).toBe('template_invalid');
    expect(badIcu.body.details).toMatchObject({ field: 'subject' });
    expect(badIcu.body.details.reason).toMatch(/not a valid ICU message: EXPECT_ARGUMENT_CLOSING_BRACE/);

    const unknownVariable = await call('PUT', path, {
      token: firm.admin.token,
      body: { subject: 'Convite', body: 'Seu link: {token}' },
    });
    expect(unknownVariable.status).toBe(422);
    expect(unknownVariable.body.details).toMatchObject({ field: 'body' });
    expect(unknownVariable.body.message).toMatch(/\{token\}/);

    const empty = await call('PUT', path, { token: firm.admin.token, body: { subject: '', body: 'Olá' } });
    expect(empty.status).toBe(422);
    expect(empty.body.details).toMatchObject({ field: 'subject', reason: 'must not be empty' });

    const wrongChannelField = await call('PUT', overridePath('invitation.sent', 'pt-BR', 'push'), {
      token: firm.admin.token,
      body: { subject: 'Convite', body: 'Olá' },
    });
    expect(wrongChannelField.status).toBe(422);

    const unknownTemplate = await call('PUT', overridePath('case.created', 'es', 'email'), {
      token: firm.admin.token,
      body: { subject: 's', body: 'b' },
    });
    expect(unknownTemplate.status).toBe(404);
    expect(unknownTemplate.body.code).toBe('template_not_found');

    const unknownLocale = await call('PUT', overridePath('invitation.sent', 'de', 'email'), {
      token: firm.admin.token,
      body: { subject: 's', body: 'b' },
    });
    expect(unknownLocale.status).toBe(400);

    const byStaff = await call('PUT', path, { token: firm.staff.token, body: { subject: 's', body: 'b' } });
    expect(byStaff.status).toBe(403);

    expect(await partition(patterns.templateOverridesOfFirm(firm.firmId).pk)).toEqual([]);
    const listed = await call(
      'GET',
      '/settings/notifications/templates?locale=pt-BR&eventType=invitation.sent',
      {
        token: firm.admin.token,
      },
    );
    expect(listed.body.items[0].overrides).toEqual({});
  });

  it('lists every template × locale once across pages', async () => {
    const firm = await newFirm('Paging Firm');
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call(
        'GET',
        `/settings/notifications/templates?limit=10${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`,
        { token: firm.admin.token },
      );
      expect(page.status).toBe(200);
      seen.push(
        ...page.body.items.map((r: { templateId: string; locale: string }) => `${r.templateId}|${r.locale}`),
      );
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('document.shared|pt-BR');
    expect(seen.length % 3).toBe(0);
  });
});
