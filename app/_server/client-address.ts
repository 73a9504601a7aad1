import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/net/client-address";

/** The calling client's address in a server action or page (see lib/net/client-address.ts for what is trusted). */
export async function requestAddress(): Promise<string | null> {
  return clientAddress(await headers());
}
