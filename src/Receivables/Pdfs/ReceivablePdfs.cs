using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Receivables.Documents;
using Receivables.Domain.Payments;
using Receivables.Entities;
using Receivables.Rendering;
using Receivables.Store;

namespace Receivables.Pdfs;

/// <summary>
/// The PDFs of receivables (spec 3.10 step 5, 3.11): which file a document's current revision is, rendering and
/// storing a pending one, recording it in <see cref="Receivable.Pdf"/>, and the links of a response. A revision's files
/// are written once; the document records a revision only after all its files exist, so a recorded revision always
/// opens. Rendering runs after the change that made the revision has committed: right after issue (within
/// <see cref="AfterChangeBudget"/>), else on the next <c>pdf_link</c>, else in the timer sweep (<see cref="PdfSweep"/>).
/// </summary>
public sealed partial class ReceivablePdfs(DocumentStore store, PdfBlobs blobs, IReceivablePdfRenderer renderer, ILogger<ReceivablePdfs> log)
{
    /// <summary>
    /// What issue may spend on the PDFs after its batch committed. Issue's answer never waits longer, and never fails
    /// for them: what is not done in time is done by the next <c>pdf_link</c> or the sweep.
    /// </summary>
    public static readonly TimeSpan AfterChangeBudget = TimeSpan.FromSeconds(5);

    /// <summary>The revision whose PDF a document shows: none for a draft; an issued document has at least revision 1.</summary>
    public static int RevisionOf(Receivable doc) => RevisionOf(doc.IsDraft, doc.Pdf);

    public static int RevisionOf(bool isDraft, PdfRevisions pdf) => isDraft ? 0 : Math.Max(1, pdf.Current);

    /// <summary>Issued, and its current revision has no stored files yet.</summary>
    public static bool IsPending(Receivable doc) => IsPending(doc.IsDraft, doc.Pdf);

    public static bool IsPending(bool isDraft, PdfRevisions pdf) => !isDraft && !pdf.Rendered.Contains(RevisionOf(isDraft, pdf));

    /// <summary>The languages a document is printed in: the counterpart's (<c>file_language</c>) and the entity's.</summary>
    public static IReadOnlyList<string> Languages(Receivable doc) =>
        doc.FileLanguage == doc.OriginalFileLanguage ? [doc.FileLanguage] : [doc.FileLanguage, doc.OriginalFileLanguage];

    /// <summary>
    /// What the QR code of an invoice encodes: its payment page once it has one, else an EPC credit transfer of the amount
    /// due to the entity's bank account (EUR only) with the document number as remittance text, else nothing.
    /// </summary>
    public static string? QrPayload(Receivable doc) => doc switch
    {
        Invoice { PaymentPageUrl: { Length: > 0 } page } => page,
        Invoice { EntityBankAccount: { Iban: { } iban } account } invoice =>
            EpcCreditTransfer.Payload(account.AccountHolderName ?? EntityName(doc), iban, account.Bic, invoice.Currency, invoice.AmountDue, invoice.DocumentId),
        _ => null,
    };

    private static string? EntityName(Receivable doc) =>
        doc.Entity.Name ?? string.Join(' ', new[] { doc.Entity.FirstName, doc.Entity.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

    /// <summary>Everything the renderer needs besides the document.</summary>
    public static PdfOptions OptionsFor(Receivable doc, Entity entity, string language, bool preview) => new()
    {
        Language = language,
        EntityRendering = entity.Settings.DocumentRenderingJson(),
        DeductionTitle = entity.Settings.Receivable?.DeductionTitle,
        Preview = preview,
        QrPayload = QrPayload(doc),
    };

    /// <summary>
    /// Sets <c>file_url</c> and <c>original_file_url</c> of documents about to be answered: links to their current
    /// revision's files, or null while those are pending (and for drafts). No store call: the document says what exists.
    /// </summary>
    public async Task LinkAsync(IEnumerable<Receivable> docs, CancellationToken ct)
    {
        LinkSigner? signer = null;
        foreach (var doc in docs)
        {
            var facts = PdfFacts.Of(doc);
            if (facts.HasFiles) signer ??= await blobs.SignerAsync(ct);
            (doc.FileUrl, doc.OriginalFileUrl) = Links(signer, facts);
        }
    }

    /// <summary>The links of a document's current files; nulls when it has none (a draft, a pending revision).</summary>
    public static PdfLinks Links(LinkSigner? signer, PdfFacts facts)
    {
        if (!facts.HasFiles) return default;
        ArgumentNullException.ThrowIfNull(signer);
        var revision = RevisionOf(facts.IsDraft, facts.Pdf);
        return new PdfLinks(
            signer.Link(PdfBlobs.Name(facts.EntityId, facts.Id, revision, facts.FileLanguage)),
            signer.Link(PdfBlobs.Name(facts.EntityId, facts.Id, revision, facts.OriginalFileLanguage)));
    }

    /// <summary>
    /// The links of a write's answer. The write has committed, so a failure to sign (storage unreachable for a new
    /// delegation key) must not turn it into an error the client would retry: the links are left null, and logged.
    /// </summary>
    public async Task TryLinkAsync(Receivable doc, CancellationToken ct)
    {
        try
        {
            await LinkAsync([doc], ct);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            doc.FileUrl = doc.OriginalFileUrl = null;
            LogLinkFailed(log, e, doc.Id);
        }
    }

    /// <summary>
    /// Renders and stores the current revision when it is pending, then records it on the document (the codebase's
    /// conditional update: a concurrent writer's change is re-read and kept). Returns the document as now stored.
    /// </summary>
    /// <param name="entity">The document's entity when the caller has it already; else it is read (one point read).</param>
    public async Task<Stored<Receivable>> RenderPendingAsync(Stored<Receivable> stored, Entity? entity, CancellationToken ct)
    {
        var doc = stored.Document;
        if (!IsPending(doc)) return stored;
        var revision = RevisionOf(doc);
        entity ??= (await store.ReadAsync<Entity>(doc.EntityId, doc.EntityId.ToString(), Entity.ResourceName, ct))?.Document
                   ?? throw EntityDirectory.NotFound(doc.EntityId);
        foreach (var language in Languages(doc))
        {
            var pdf = renderer.Render(doc, OptionsFor(doc, entity, language, preview: false));
            await blobs.WriteOnceAsync(PdfBlobs.Name(doc.EntityId, doc.Id, revision, language), pdf, doc.DocumentId, ct);
        }
        var recorded = await store.UpdateIfChangedAsync<Receivable>(doc.EntityId, doc.Id, Receivable.ResourceName, null, d =>
        {
            if (d.Pdf.Rendered.Contains(revision)) return false;
            // A document issued before PDFs existed has revision 0 stored: its first PDF is revision 1.
            if (d.Pdf.Current < revision) d.Pdf.Current = revision;
            d.Pdf.Rendered.Add(revision);
            return true;
        }, ct, known: stored);
        if (recorded is not null) LogRendered(log, doc.Id, revision);
        return recorded ?? stored;
    }

    /// <summary>
    /// <see cref="RenderPendingAsync"/> within <see cref="AfterChangeBudget"/>, after a change that committed: any
    /// failure is only logged (the document stays pending, the next <c>pdf_link</c> or sweep renders it).
    /// </summary>
    public async Task<Stored<Receivable>> TryRenderAfterChangeAsync(Stored<Receivable> stored, Entity? entity, CancellationToken ct)
    {
        if (!IsPending(stored.Document)) return stored;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(AfterChangeBudget);
        try
        {
            return await RenderPendingAsync(stored, entity, budget.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDeferred(log, e, stored.Document.Id, RevisionOf(stored.Document));
            return stored;
        }
    }

    /// <summary>
    /// <c>pdf_link</c> (spec 3.11): the links of the current revision, rendered first if pending; for a draft, a preview
    /// marked as such, stored under <see cref="PdfBlobs.PreviewPrefix"/> keyed by the draft's version (a second request
    /// for an unchanged draft writes nothing new), never recorded on the document.
    /// </summary>
    public async Task<PdfLinkResponse> PdfLinkAsync(Guid entityId, Guid receivableId, CancellationToken ct)
    {
        var stored = await store.ReadAsync<Receivable>(entityId, receivableId.ToString(), Receivable.ResourceName, ct)
                     ?? throw ReceivableOperations.NotFound(receivableId);
        if (stored.Document.IsDraft) return await PreviewAsync(stored, ct);
        stored = await RenderPendingAsync(stored, null, ct);
        await LinkAsync([stored.Document], ct);
        return new PdfLinkResponse(stored.Document.FileUrl, stored.Document.OriginalFileUrl);
    }

    private async Task<PdfLinkResponse> PreviewAsync(Stored<Receivable> draft, CancellationToken ct)
    {
        var doc = draft.Document;
        var entity = (await store.ReadAsync<Entity>(doc.EntityId, doc.EntityId.ToString(), Entity.ResourceName, ct))?.Document
                     ?? throw EntityDirectory.NotFound(doc.EntityId);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draft.ETag)))[..16];
        foreach (var language in Languages(doc))
        {
            var pdf = renderer.Render(doc, OptionsFor(doc, entity, language, preview: true));
            await blobs.WriteOnceAsync(PdfBlobs.PreviewName(doc.EntityId, doc.Id, version, language), pdf, "preview", ct);
        }
        var signer = await blobs.SignerAsync(ct);
        return new PdfLinkResponse(
            signer.Link(PdfBlobs.PreviewName(doc.EntityId, doc.Id, version, doc.FileLanguage)),
            signer.Link(PdfBlobs.PreviewName(doc.EntityId, doc.Id, version, doc.OriginalFileLanguage)));
    }

    /// <summary>The link to one revision's file in one language, when that revision is stored (history's <c>current_pdf_url</c>).</summary>
    public static string? LinkTo(LinkSigner signer, Receivable doc, int revision, string language) =>
        revision > 0 && doc.Pdf.Rendered.Contains(revision) ? signer.Link(PdfBlobs.Name(doc.EntityId, doc.Id, revision, language)) : null;

    public ValueTask<LinkSigner> SignerAsync(CancellationToken ct) => blobs.SignerAsync(ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF revision {Revision} of {Id} stored")]
    private static partial void LogRendered(ILogger logger, string id, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF revision {Revision} of {Id} not stored yet; pdf_link or the sweep will")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string id, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Links of {Id} left null in a write's answer")]
    private static partial void LogLinkFailed(ILogger logger, Exception exception, string id);
}

/// <summary>
/// What the links of a document's PDFs depend on: read from a document, or from its stored JSON without building it
/// (<see cref="ReceivableJson"/>).
/// </summary>
public sealed record PdfFacts(Guid EntityId, string Id, bool IsDraft, PdfRevisions Pdf, string FileLanguage, string OriginalFileLanguage)
{
    public static PdfFacts Of(Receivable doc) => new(doc.EntityId, doc.Id, doc.IsDraft, doc.Pdf, doc.FileLanguage, doc.OriginalFileLanguage);

    /// <summary>Issued and its current revision's files stored: the answer links them.</summary>
    public bool HasFiles => !IsDraft && !ReceivablePdfs.IsPending(IsDraft, Pdf);
}

/// <summary><c>file_url</c> and <c>original_file_url</c> of an answer.</summary>
public readonly record struct PdfLinks(string? FileUrl, string? OriginalFileUrl);

/// <summary><c>GET /receivables/{id}/pdf_link</c> (spec 3.11).</summary>
public sealed record PdfLinkResponse(string? FileUrl, string? OriginalFileUrl);
