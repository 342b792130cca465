// Cognito's own mails (a staff invitation, a client's sign-in code, a password reset code) written
// the way Portico writes its other mails: the recipient's language (their `locale` attribute, then
// English), the plain-text + HTML layout of functions/notify/render.ts. Cognito puts the code where
// the text holds `request.codeParameter` (and, in an invitation, the username where it holds
// `request.usernameParameter`); the code itself never reaches this module.
import { clipText, typedLine } from '../domain/plain-text';
import { DEFAULT_LOCALE, type Locale } from '../domain/texts/template';
import { type Layout, renderHtml } from '../notify/render';
import { shippedLocale } from '../notify/texts/locale';

/** What Cognito sends a CustomMessage trigger (the fields Portico reads) and reads back. */
export interface CustomMessageEvent {
  triggerSource: string;
  userPoolId?: string;
  request: {
    userAttributes: Record<string, string | undefined>;
    codeParameter: string;
    /** Only in CustomMessage_AdminCreateUser. */
    usernameParameter?: string | null;
    /** What the caller of AdminCreateUser (etc.) passed as ClientMetadata: Portico passes `firmName`. */
    clientMetadata?: Record<string, string | undefined>;
  };
  response: {
    emailSubject?: string | null;
    emailMessage?: string | null;
    smsMessage?: string | null;
  };
}

/** Days a staff invitation's temporary password works (the staff pool's TempPasswordValidityDays). */
export const TEMPORARY_PASSWORD_DAYS = 7;
/** Cognito refuses a longer emailMessage (UTF-8 characters, the code included). */
export const EMAIL_MESSAGE_MAX = 20_000;
/** A mail subject is a line (the notify texts' SUBJECT_MAX). */
const SUBJECT_MAX = 150;
/** A firm name from ClientMetadata, or a user's name, is shown, never trusted to be short. */
const NAME_MAX = 120;

/** Where a mail's button points: the staff app or the client portal. */
export interface MessageLinks {
  appUrl: string;
  portalUrl: string;
}

/** The mails Portico writes; any other trigger source keeps Cognito's own text. */
export type IdentityMail = 'staffInvitation' | 'portalLogin' | 'signInCode' | 'passwordReset';

interface Vars {
  /** `Hello Ana,` or `Hello,` */
  name?: string;
  firm?: string;
  code: string;
  username: string;
  days: number;
  /** The user was given a temporary password (a passwordless client's login has none). */
  withPassword?: boolean;
}

interface MailText {
  subject: (v: Vars) => string;
  paragraphs: (v: Vars) => string[];
  action: string;
  footer: (v: Vars) => string;
}

type Catalogue = Record<IdentityMail, MailText> & { hello: (name?: string) => string };

const en: Catalogue = {
  hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
  staffInvitation: {
    subject: (v) =>
      v.firm ? `${v.firm} invited you to its client portal` : 'You are invited to the client portal',
    paragraphs: (v) => [
      `Your staff account${v.firm ? ` at ${v.firm}` : ''} is ready. Sign in with your email address and this temporary password, then choose your own password and set up an authenticator app: every sign-in asks for its code.`,
      `Username: ${v.username}`,
      `Temporary password: ${v.code}`,
    ],
    action: 'Sign in',
    footer: (v) =>
      `The temporary password expires in ${v.days} days. If you did not expect this invitation, you can ignore this message.`,
  },
  portalLogin: {
    subject: () => 'Your client portal sign-in',
    paragraphs: (v) => [
      `A sign-in to the client portal was created for ${v.username}. You sign in with your email address and a one-time code we mail you each time: no password to remember.`,
      ...(v.withPassword ? [`Temporary password, only if the portal ever asks for one: ${v.code}`] : []),
    ],
    action: 'Open the client portal',
    footer: () => 'If you did not expect this message, you can ignore it.',
  },
  signInCode: {
    subject: () => 'Your sign-in code',
    paragraphs: (v) => ['Enter this code to sign in:', v.code],
    action: 'Open the client portal',
    footer: () =>
      'The code works once and only for a few minutes. If you did not try to sign in, ignore this message: nobody can sign in without the code.',
  },
  passwordReset: {
    subject: () => 'Reset your password',
    paragraphs: (v) => ['Enter this code to choose a new password:', v.code],
    action: 'Sign in',
    footer: () =>
      'The code works once and only for a short time. If you did not ask for a new password, ignore this message: your password stays as it is.',
  },
};

const es: Catalogue = {
  hello: (name) => (name ? `Hola ${name}:` : 'Hola:'),
  staffInvitation: {
    subject: (v) =>
      v.firm ? `${v.firm} le invitó a su portal de clientes` : 'Le invitaron al portal de clientes',
    paragraphs: (v) => [
      `Su cuenta de personal${v.firm ? ` en ${v.firm}` : ''} está lista. Inicie sesión con su correo electrónico y esta contraseña temporal; después elija su propia contraseña y configure una aplicación de autenticación: cada inicio de sesión pide su código.`,
      `Usuario: ${v.username}`,
      `Contraseña temporal: ${v.code}`,
    ],
    action: 'Iniciar sesión',
    footer: (v) =>
      `La contraseña temporal caduca en ${v.days} días. Si no esperaba esta invitación, puede ignorar este mensaje.`,
  },
  portalLogin: {
    subject: () => 'Su acceso al portal de clientes',
    paragraphs: (v) => [
      `Se creó un acceso al portal de clientes para ${v.username}. Inicia sesión con su correo electrónico y un código de un solo uso que le enviamos cada vez: no hay contraseña que recordar.`,
      ...(v.withPassword ? [`Contraseña temporal, solo si el portal alguna vez la pide: ${v.code}`] : []),
    ],
    action: 'Abrir el portal de clientes',
    footer: () => 'Si no esperaba este mensaje, puede ignorarlo.',
  },
  signInCode: {
    subject: () => 'Su código de acceso',
    paragraphs: (v) => ['Introduzca este código para iniciar sesión:', v.code],
    action: 'Abrir el portal de clientes',
    footer: () =>
      'El código funciona una sola vez y solo durante unos minutos. Si no intentó iniciar sesión, ignore este mensaje: nadie puede entrar sin el código.',
  },
  passwordReset: {
    subject: () => 'Restablezca su contraseña',
    paragraphs: (v) => ['Introduzca este código para elegir una contraseña nueva:', v.code],
    action: 'Iniciar sesión',
    footer: () =>
      'El código funciona una sola vez y durante poco tiempo. Si no pidió una contraseña nueva, ignore este mensaje: su contraseña no cambia.',
  },
};

const ptBR: Catalogue = {
  hello: (name) => (name ? `Olá, ${name},` : 'Olá,'),
  staffInvitation: {
    subject: (v) =>
      v.firm
        ? `${v.firm} convidou você para o portal do cliente`
        : 'Você foi convidado para o portal do cliente',
    paragraphs: (v) => [
      `Sua conta de equipe${v.firm ? ` em ${v.firm}` : ''} está pronta. Entre com seu e-mail e esta senha temporária; depois escolha sua própria senha e configure um aplicativo autenticador: cada acesso pede o código dele.`,
      `Usuário: ${v.username}`,
      `Senha temporária: ${v.code}`,
    ],
    action: 'Entrar',
    footer: (v) =>
      `A senha temporária expira em ${v.days} dias. Se você não esperava este convite, ignore esta mensagem.`,
  },
  portalLogin: {
    subject: () => 'Seu acesso ao portal do cliente',
    paragraphs: (v) => [
      `Foi criado um acesso ao portal do cliente para ${v.username}. Você entra com seu e-mail e um código de uso único que enviamos a cada vez: nenhuma senha para lembrar.`,
      ...(v.withPassword ? [`Senha temporária, só se o portal pedir uma: ${v.code}`] : []),
    ],
    action: 'Abrir o portal do cliente',
    footer: () => 'Se você não esperava esta mensagem, ignore-a.',
  },
  signInCode: {
    subject: () => 'Seu código de acesso',
    paragraphs: (v) => ['Digite este código para entrar:', v.code],
    action: 'Abrir o portal do cliente',
    footer: () =>
      'O código funciona uma única vez e só por alguns minutos. Se você não tentou entrar, ignore esta mensagem: ninguém entra sem o código.',
  },
  passwordReset: {
    subject: () => 'Redefina sua senha',
    paragraphs: (v) => ['Digite este código para escolher uma nova senha:', v.code],
    action: 'Entrar',
    footer: () =>
      'O código funciona uma única vez e por pouco tempo. Se você não pediu uma nova senha, ignore esta mensagem: sua senha continua a mesma.',
  },
};

export const IDENTITY_TEXTS: Record<Locale, Catalogue> = { en, es, 'pt-BR': ptBR };

/** Staff users carry `custom:role` (set only by the backend); a client's login never does. */
const isStaff = (attributes: Record<string, string | undefined>) => Boolean(attributes['custom:role']);

/** Which of Portico's mails a trigger source asks for, or undefined to keep Cognito's text. */
export function mailOf(event: CustomMessageEvent): IdentityMail | undefined {
  switch (event.triggerSource) {
    case 'CustomMessage_AdminCreateUser':
      return isStaff(event.request.userAttributes) ? 'staffInvitation' : 'portalLogin';
    // Codes mailed during sign-in: the contact pool's passwordless EMAIL_OTP first factor (and email
    // MFA, which no Portico pool enables).
    case 'CustomMessage_Authentication':
      return 'signInCode';
    case 'CustomMessage_ForgotPassword':
      return 'passwordReset';
    default:
      return undefined;
  }
}

/**
 * The event with `response.emailSubject` / `emailMessage` set for the mails Portico writes; any
 * other trigger source comes back unchanged (Cognito then sends its own text).
 */
export function customMessage<E extends CustomMessageEvent>(event: E, links: MessageLinks): E {
  const mail = mailOf(event);
  if (!mail) return event;
  const { userAttributes, codeParameter, usernameParameter, clientMetadata } = event.request;
  const locale: Locale = shippedLocale(userAttributes.locale) ?? DEFAULT_LOCALE;
  const texts = IDENTITY_TEXTS[locale];
  const text = texts[mail];
  const name = userAttributes.name ? clipText(typedLine(userAttributes.name), NAME_MAX) : undefined;
  const firm = clientMetadata?.firmName ? clipText(typedLine(clientMetadata.firmName), NAME_MAX) : undefined;
  const vars: Vars = {
    ...(name ? { name } : {}),
    ...(firm ? { firm } : {}),
    code: codeParameter,
    username: usernameParameter ?? '',
    days: TEMPORARY_PASSWORD_DAYS,
    // Cognito creates a user in a passwordless pool without a password unless given one; a user
    // with a temporary password waits in FORCE_CHANGE_PASSWORD.
    withPassword:
      mail === 'staffInvitation' || userAttributes['cognito:user_status'] === 'FORCE_CHANGE_PASSWORD',
  };
  const subject = clipText(typedLine(text.subject(vars)), SUBJECT_MAX);
  const staff = mail === 'staffInvitation' || (mail === 'passwordReset' && isStaff(userAttributes));
  const layout: Layout = {
    heading: subject,
    paragraphs: [texts.hello(name), ...text.paragraphs(vars)],
    link: { url: staff ? links.appUrl : links.portalUrl, label: text.action },
    footer: text.footer(vars),
  };
  const html = renderHtml(layout);
  event.response.emailSubject = subject;
  event.response.emailMessage = keepsPlaceholders(html, event, vars)
    ? html
    : plainFallback(subject, vars, mail);
  return event;
}

/**
 * Cognito refuses a message without its placeholders (the code, unless an invitation goes to a user
 * without a password; the username in invitations), or longer than it accepts.
 */
function keepsPlaceholders(message: string, event: CustomMessageEvent, vars: Vars): boolean {
  const { codeParameter, usernameParameter } = event.request;
  const invitation = event.triggerSource === 'CustomMessage_AdminCreateUser';
  if ((!invitation || vars.withPassword) && !message.includes(codeParameter)) return false;
  if (
    event.triggerSource === 'CustomMessage_AdminCreateUser' &&
    usernameParameter &&
    !message.includes(usernameParameter)
  )
    return false;
  return [...message].length <= EMAIL_MESSAGE_MAX;
}

/**
 * The placeholders exactly as Cognito gave them, in a short text: used when the layout would have
 * altered one (HTML escaping, a placeholder Cognito changed) — a mail that sends beats a refused one.
 */
function plainFallback(subject: string, vars: Vars, mail: IdentityMail): string {
  if (mail === 'staffInvitation' || mail === 'portalLogin')
    return vars.withPassword ? `${subject}: ${vars.username} / ${vars.code}` : `${subject}: ${vars.username}`;
  return `${subject}: ${vars.code}`;
}
