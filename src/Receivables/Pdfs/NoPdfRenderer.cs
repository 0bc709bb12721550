using Receivables.Documents;
using Receivables.Rendering;

namespace Receivables.Pdfs;

/// <summary>
/// Stands in for the renderer until the rendering work (issue 11 part 1) is merged: every rendering fails, so issued
/// documents stay pending (file_url null) and are rendered once a real renderer is registered. Delete at the merge.
/// </summary>
internal sealed class NoPdfRenderer : IReceivablePdfRenderer
{
    public byte[] Render(Receivable document, PdfOptions options) =>
        throw new NotSupportedException("No PDF renderer is registered in this build.");
}
