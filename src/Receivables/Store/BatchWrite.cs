using Microsoft.Azure.Cosmos;

namespace Receivables.Store;

/// <summary>
/// One write of a TransactionalBatch (<see cref="DocumentStore.CommitAsync"/>): what must change together (a document
/// and its history, an issue and its number counter, an invoice and the credit note its cancel creates) is written in
/// one partition, all or nothing, each write conditional on the version that was read.
/// </summary>
public abstract record BatchWrite(string Id, string Resource);

/// <summary>A new document: fails if the id exists.</summary>
public sealed record CreateWrite(StoredDocument Document) : BatchWrite(Document.Id, Document.Resource);

/// <summary>A new version of a document, only if it is still the version <paramref name="ETag"/>.</summary>
public sealed record ReplaceWrite(StoredDocument Document, string ETag) : BatchWrite(Document.Id, Document.Resource);

/// <summary>
/// A partial update applied only while <paramref name="Condition"/> (a Cosmos filter predicate, <c>FROM c WHERE ...</c>)
/// holds: for writers that decide from a query row, not from a read document (the sweep).
/// </summary>
public sealed record PatchWrite(string Id, string Resource, IReadOnlyList<PatchOperation> Operations, string Condition) : BatchWrite(Id, Resource);

/// <summary>Removes a document, only if it is still the version <paramref name="ETag"/> (a login a user gives up).</summary>
public sealed record DeleteWrite(string Id, string Resource, string ETag) : BatchWrite(Id, Resource);
