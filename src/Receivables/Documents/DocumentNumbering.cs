using Receivables.Domain.Numbering;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>
/// An entity's document number counters as stored: one document per entity partition, replaced (ETag-checked) in the
/// same TransactionalBatch as every document it numbers. Created on the first issue.
/// </summary>
public sealed class DocumentNumbering : StoredDocument
{
    public const string ResourceName = "document_numbering";
    public const string DocumentId = "document-numbering";

    public DocumentCounters Counters { get; init; } = new();

    public static DocumentNumbering New(Guid entityId) => new() { Id = DocumentId, EntityId = entityId, Resource = ResourceName };
}
