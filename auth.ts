import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { authenticate } from "@/lib/accounts/users";
import { loginSchema } from "@/lib/accounts/schemas";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/net/client-address";

declare module "next-auth" {
  interface Session {
    /** sv: users.session_version at sign-in (app/_server/session.ts ends older sessions) */
    user: { id: string; role: "customer" | "operator"; sv: number } & DefaultSession["user"];
  }
  interface User {
    role?: "customer" | "operator";
    sessionVersion?: number;
  }
}

/** The reason shown on the sign-in form travels as the error's code and the sentence to show. */
export class SignInRefused extends CredentialsSignin {
  constructor(
    code: string,
    public readonly reason?: string,
  ) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "邮箱" }, password: { label: "密码", type: "password" } },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const res = await authenticate(await getDb(), parsed.data, request ? clientAddress(request.headers) : null);
        if (!res.ok) throw new SignInRefused(res.code, res.message);
        const u = res.value;
        return { id: u.id, email: u.email, name: u.name, role: u.role, sessionVersion: u.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role ?? "customer";
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role === "operator" ? "operator" : "customer";
      session.user.sv = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
});
