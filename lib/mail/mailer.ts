import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends one e-mail through SMTP_URL (smtp://user:pass@host:port, smtps://… for TLS) with
 * nodemailer. Without SMTP_URL (a laptop demo) the mail is printed to the server log instead,
 * so the link in it can still be followed.
 */
export async function sendMail(mail: Mail, env: Record<string, string | undefined> = process.env): Promise<{ delivered: boolean }> {
  const url = env.SMTP_URL;
  if (!url) {
    console.info(`[mail] SMTP_URL 未配置，邮件未发送，内容如下：\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
    return { delivered: false };
  }
  const transport = nodemailer.createTransport(url);
  try {
    await transport.sendMail({ from: env.MAIL_FROM ?? "印刷文字识别 OCR <no-reply@localhost>", to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
  return { delivered: true };
}
