// Notification texts on the local stack: one event's email reaches an English, a Spanish and a
// Brazilian Portuguese reader each in their language (or the firm's, for a reader without one), a
// firm's override saved through the API changes the next email and deleting it restores ours, and an
// invalid override is refused at save (422 template_invalid) with nothing written.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import type { StaffUser } from '../../functions/domain/firm';
import { firmAdminStore } from '../../functions/store/firm';
import { firmKey, templateOverrideKey, templateOverridesOfFirmPattern } from '../../functions/store/keys';
import { compileTemplateOverrides } from '../../scripts/compile-template-overrides';
import { apiAs, problem } from './support/client';
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
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'IRPF 2026', ownerId: firm.staff.userId },
  });
  expect(created.response.status).toBe(201);
  const caseId = created.data!.caseId;
  const put = await apiAs(firm.admin.token).PUT('/cases/{caseId}/recipients', {
    params: { path: { caseId } },
    body: {
      recipients: [
        { userId: firm.staff.userId, inApp: false, email: false },
        ...readers.map((r) => ({ userId: r.userId, inApp: false, email: true })),
      ],
    },
  });
  expect(put.response.status).toBe(200);
  const contact = await apiAs(firm.admin.token).POST('/contacts', {
    body: { name: 'Dora Díaz', email: `dora.${newId().toLowerCase()}@client.test` },
  });
  return { caseId, contactId: contact.data!.contactId };
}

type OverridePath = operations['putNotificationTemplate']['parameters']['path'];
type OverrideBody = operations['putNotificationTemplate']['requestBody']['content']['application/json'];

const overridePath = (
  templateId: string,
  locale: OverridePath['locale'],
  channel: OverridePath['channel'],
): OverridePath => ({ templateId, locale, channel });

const putOverride = (token: string, path: OverridePath, body: OverrideBody) =>
  apiAs(token).PUT('/settings/notifications/templates/{templateId}/{locale}/{channel}', {
    params: { path },
    body,
  });

const deleteOverride = (token: string, path: OverridePath) =>
  apiAs(token).DELETE('/settings/notifications/templates/{templateId}/{locale}/{channel}', {
    params: { path },
  });

describe('Function: notify renders each reader’s language', () => {
  it('mails one client upload in English, Spanish and Brazilian Portuguese, and in the firm’s language to a reader without one', async () => {
    // Prepare: a firm whose default language is Spanish; four readers
    const firm = await newFirm('Contadores Unidos');
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: firmKey(firm.firmId),
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
    const saved = await putOverride(firm.admin.token, path, fields);
    const again = await putOverride(firm.admin.token, path, fields);
    await recordClientUpload(firm, caseId, contactId, 'nómina.pdf');

    // Assess: the Spanish reader gets the firm's text, the English one ours
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({
      templateId: 'document.uploaded',
      eventType: 'document.uploaded',
      category: 'documents',
      audience: 'staff',
      locale: 'es',
      variables: ['contactName', 'fileName', 'caseTitle'],
      overrides: { email: { ...fields, updatedBy: firm.admin.userId } },
    });
    expect(again.response.status).toBe(200);
    expect(await partition(templateOverridesOfFirmPattern(firm.firmId).pk)).toHaveLength(1);
    const [esMail] = await mailTo(es.email);
    expect(esMail!.subject).toBe('Nuevo archivo de Dora Díaz: nómina.pdf');
    expect(esMail!.body.text).toContain(
      'Dora Díaz dejó nómina.pdf en IRPF 2026.\n\nRevíselo hoy, por favor.',
    );
    expect((await mailTo(en.email))[0]!.subject).toBe('Dora Díaz uploaded nómina.pdf');

    const listed = await apiAs(firm.admin.token).GET('/settings/notifications/templates', {
      params: { query: { locale: 'es', eventType: 'document.uploaded' } },
    });
    expect(listed.response.status).toBe(200);
    expect(listed.data!.items).toHaveLength(1);
    expect(listed.data!.items[0]!.overrides.email).toMatchObject(fields);
    expect(listed.data!.items[0]!.shipped.title).toBe('Nuevo archivo del cliente');

    // Act: back to ours (twice: idempotent), then another upload
    const removed = await deleteOverride(firm.admin.token, path);
    const removedAgain = await deleteOverride(firm.admin.token, path);
    await recordClientUpload(firm, caseId, contactId, 'recibo.pdf');

    // Assess
    expect(removed.response.status).toBe(200);
    expect(removed.data!.overrides).toEqual({});
    expect(removedAgain.response.status).toBe(200);
    expect((await mailTo(es.email)).at(-1)!.subject).toBe('Dora Díaz subió recibo.pdf');
    expect(await partition(templateOverridesOfFirmPattern(firm.firmId).pk)).toEqual([]);
  });

  it('refuses an invalid override with 422 template_invalid, the field and the parser’s message, writing nothing', async () => {
    const firm = await newFirm('Careful Firm');
    const path = overridePath('invitation.sent', 'pt-BR', 'email');

    const badIcu = await putOverride(firm.admin.token, path, {
      subject: 'Convite de {firmName',
      body: 'Olá',
    });
    expect(badIcu.response.status).toBe(422);
    expect(problem(badIcu).code).toBe('template_invalid');
    expect(problem(badIcu).details).toMatchObject({ field: 'subject' });
    expect(problem(badIcu).details!.reason).toMatch(/not a valid ICU message: EXPECT_ARGUMENT_CLOSING_BRACE/);

    const unknownVariable = await putOverride(firm.admin.token, path, {
      subject: 'Convite',
      body: 'Seu link: {token}',
    });
    expect(unknownVariable.response.status).toBe(422);
    expect(problem(unknownVariable).details).toMatchObject({ field: 'body' });
    expect(unknownVariable.error!.message).toMatch(/\{token\}/);

    const empty = await putOverride(firm.admin.token, path, { subject: '', body: 'Olá' });
    expect(empty.response.status).toBe(422);
    expect(problem(empty).details).toMatchObject({ field: 'subject', reason: 'must not be empty' });

    const wrongChannelField = await putOverride(
      firm.admin.token,
      overridePath('invitation.sent', 'pt-BR', 'push'),
      { subject: 'Convite', body: 'Olá' },
    );
    expect(wrongChannelField.response.status).toBe(422);

    const unknownTemplate = await putOverride(firm.admin.token, overridePath('case.created', 'es', 'email'), {
      subject: 's',
      body: 'b',
    });
    expect(unknownTemplate.response.status).toBe(404);
    expect(problem(unknownTemplate).code).toBe('template_not_found');

    // invalid on purpose: the typed client cannot send it (a locale the document does not list)
    const unknownLocale = await call('PUT', '/settings/notifications/templates/invitation.sent/de/email', {
      token: firm.admin.token,
      body: { subject: 's', body: 'b' },
    });
    expect(unknownLocale.status).toBe(400);

    const byStaff = await putOverride(firm.staff.token, path, { subject: 's', body: 'b' });
    expect(byStaff.response.status).toBe(403);

    expect(await partition(templateOverridesOfFirmPattern(firm.firmId).pk)).toEqual([]);
    const listed = await apiAs(firm.admin.token).GET('/settings/notifications/templates', {
      params: { query: { locale: 'pt-BR', eventType: 'invitation.sent' } },
    });
    expect(listed.data!.items[0]!.overrides).toEqual({});
  });

  it('lists every template × locale once across pages', async () => {
    const firm = await newFirm('Paging Firm');
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await apiAs(firm.admin.token).GET('/settings/notifications/templates', {
        params: { query: { limit: 10, nextToken } },
      });
      expect(page.response.status).toBe(200);
      seen.push(...page.data!.items.map((r) => `${r.templateId}|${r.locale}`));
      nextToken = page.data!.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('document.shared|pt-BR');
    expect(seen.length % 3).toBe(0);
  });
});

describe('Function: notify with overrides saved before they were compiled (decision 0041)', () => {
  it('skips an override without its compiled form (our text goes out) until the migration compiles it', async () => {
    // Prepare: an override saved through the API, then stripped of its compiled form, as one saved
    // before overrides were stored compiled.
    const firm = await newFirm('Legacy Override Firm');
    const es = await reader(firm, 'Elena', 'es');
    const { caseId, contactId } = await caseFor(firm, [es]);
    const path = overridePath('document.uploaded', 'es', 'email');
    const saved = await putOverride(firm.admin.token, path, {
      subject: 'Antiguo: {fileName}',
      body: 'Hola.',
    });
    expect(saved.response.status).toBe(200);
    const key = templateOverrideKey(firm.firmId, 'document.uploaded', 'es', 'email');
    await table.client.send(
      new UpdateCommand({ TableName: table.name, Key: key, UpdateExpression: 'REMOVE compiled' }),
    );

    // Act: an upload before the migration, the migration, an upload after it
    await recordClientUpload(firm, caseId, contactId, 'antes.pdf');
    const before = await mailTo(es.email);
    const report = await compileTemplateOverrides(table);
    await recordClientUpload(firm, caseId, contactId, 'despues.pdf');

    // Assess: our text first (the override skipped, not failed), then the firm's
    expect(before.map((m) => m.subject)).toEqual(['Dora Díaz subió antes.pdf']);
    expect(report.compiled).toBeGreaterThanOrEqual(1);
    expect(report.skipped).toEqual([]);
    const [item] = await partition(templateOverridesOfFirmPattern(firm.firmId).pk);
    expect(JSON.parse(String(item!.compiled))).toMatchObject({ subject: ['Antiguo: ', [1, 'fileName']] });
    expect((await mailTo(es.email)).map((m) => m.subject)).toEqual([
      'Dora Díaz subió antes.pdf',
      'Antiguo: despues.pdf',
    ]);
    // Run again: nothing left to do for this firm.
    expect((await compileTemplateOverrides(table)).skipped).toEqual([]);
  });
});
