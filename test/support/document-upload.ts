/**
 * Sends a file through the documents contract as the console does: begin, parts of at most
 * `partBytes` in base64, finish. `call` is a dispatcher or a contract socket's call.
 */
import type { DocumentItem } from '../../electron/contract/documents-calls';

export type ContractCall = <T>(name: string, input: unknown) => Promise<T>;

export async function uploadDocument(call: ContractCall, input: { bytes: Buffer; name: string; type?: string; links: Record<string, string> }): Promise<DocumentItem> {
  const { uploadId, partBytes } = await call<{ uploadId: string; partBytes: number }>('documents.beginUpload', {
    name: input.name,
    size: input.bytes.length,
    ...(input.type ? { type: input.type } : {}),
    links: input.links,
  });
  for (let offset = 0, index = 0; offset < input.bytes.length; offset += partBytes, index++) {
    await call('documents.uploadPart', { uploadId, index, data: input.bytes.subarray(offset, offset + partBytes).toString('base64') });
  }
  return call<DocumentItem>('documents.finishUpload', { uploadId });
}
