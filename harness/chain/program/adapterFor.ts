/** The write adapter for a user of the local world, over the bank transport. */
import { DriftWriteAdapter } from '../../../engine/drift/write/adapter.js';
import { Signer } from '../../../engine/drift/write/signerFile.js';
import { bankTransport } from './transport.js';
import type { DriftWorld, WorldUser } from './world.js';

export function adapterFor(world: DriftWorld, user: WorldUser): { adapter: DriftWriteAdapter; transport: ReturnType<typeof bankTransport> } {
  const transport = bankTransport(world.context, world.connection);
  const adapter = new DriftWriteAdapter({ client: user.client, transport, signer: new Signer(user.keypair), usdcTokenAccount: user.usdcAccount });
  return { adapter, transport };
}
