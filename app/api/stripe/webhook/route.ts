import { getDb } from "@/db";
import { env } from "@/lib/env";
import { handleStripeEvent, verifyStripeEvent } from "@/lib/payments/stripe";

/** Stripe webhook: verify the raw body, apply once (lib/payments), 500 on failure so Stripe retries. */
export async function POST(req: Request): Promise<Response> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: "stripe webhooks are not configured" }, { status: 404 });
  const event = verifyStripeEvent(await req.text(), req.headers.get("stripe-signature"), secret);
  if (!event) return Response.json({ error: "invalid signature" }, { status: 400 });
  try {
    const res = await handleStripeEvent(await getDb(), event);
    return Response.json({ received: true, ...res });
  } catch (e) {
    console.error(`[stripe] ${event.type} ${event.id} failed:`, e instanceof Error ? e.message : e);
    return Response.json({ error: "processing failed" }, { status: 500 });
  }
}
