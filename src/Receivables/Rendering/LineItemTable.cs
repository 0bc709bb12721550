using PdfSharp.Drawing;
using Receivables.Documents;

namespace Receivables.Rendering;

/// <summary>
/// The line items: one row per line, the name wrapping within its column, the header repeated on every page the
/// table runs onto. Columns are <c>document_rendering.line_items</c>'s, in the order a reader expects, each shown or
/// hidden, relabelled and (money and rates) given a precision as the settings say.
/// </summary>
internal static class LineItemTable
{
    private const double RowLine = 9.5;
    private const double Padding = 3;
    private const double NumberWidth = 16;

    private sealed record Column(string Key, string Header, double Width, Func<ResponseItem, string> Cell)
    {
        public double X { get; set; }
    }

    public static void Draw(PdfCanvas canvas, RenderContext page)
    {
        var columns = Columns(page);
        var nameColumn = columns.FirstOrDefault(c => c.Key == "name");
        // The name takes what the other columns leave; without it, the numbers keep their widths, right-aligned.
        var fixedWidth = NumberWidth + columns.Where(c => c != nameColumn).Sum(c => c.Width);
        var x = PdfCanvas.Left + NumberWidth;
        var nameWidth = Math.Max(60, PdfCanvas.Width - fixedWidth);
        if (nameColumn is null) x = PdfCanvas.Right - fixedWidth + NumberWidth;
        foreach (var column in columns)
        {
            column.X = x;
            x += column == nameColumn ? nameWidth : column.Width;
        }
        double WidthOf(Column c) => c == nameColumn ? nameWidth : c.Width;

        void Header()
        {
            var headerLines = columns.Select(c => canvas.Wrap(c.Header, PdfCanvas.SmallBold, WidthOf(c) - Padding)).ToList();
            var height = (headerLines.Max(l => l.Count) * 8) + 6;
            canvas.Text("#", PdfCanvas.SmallBold, PdfCanvas.Left, canvas.Y + 8);
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var y = canvas.Y + 8;
                foreach (var line in headerLines[i])
                {
                    if (c == nameColumn) canvas.Text(line, PdfCanvas.SmallBold, c.X, y);
                    else canvas.TextRight(line, PdfCanvas.SmallBold, c.X + c.Width, y);
                    y += 8;
                }
            }
            canvas.Gap(height);
            canvas.Line(canvas.Y - 2);
            canvas.Gap(2);
        }

        canvas.Gap(4);
        canvas.EnsureSpace(40);
        Header();
        canvas.OnNewPage = Header;
        var items = page.Document.LineItems;
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            var nameLines = nameColumn is null ? [] : canvas.Wrap(item.Product.Name, PdfCanvas.Cell, nameWidth - Padding);
            var description = nameColumn is not null && !string.IsNullOrWhiteSpace(item.Product.Description)
                ? canvas.Wrap(item.Product.Description, PdfCanvas.Small, nameWidth - Padding) : [];
            var height = (Math.Max(1, nameLines.Count) * RowLine) + (description.Count * 8) + 3;
            canvas.EnsureSpace(height);
            var baseline = canvas.Y + 8;
            canvas.Text((n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), PdfCanvas.Cell, PdfCanvas.Left, baseline);
            foreach (var c in columns)
            {
                if (c == nameColumn)
                {
                    var y = baseline;
                    foreach (var line in nameLines) { canvas.Text(line, PdfCanvas.Cell, c.X, y); y += RowLine; }
                    foreach (var line in description) { canvas.Text(line, PdfCanvas.Small, c.X, y - 1, PdfCanvas.Muted); y += 8; }
                }
                else
                {
                    canvas.TextRight(c.Cell(item), PdfCanvas.Cell, c.X + c.Width, baseline);
                }
            }
            canvas.Gap(height);
        }
        canvas.OnNewPage = null;
        canvas.Line(canvas.Y);
        canvas.Gap(8);
    }

    private static List<Column> Columns(RenderContext page)
    {
        var t = page.Texts;
        var f = page.Format;
        var s = page.Settings;
        var all = new List<Column>();
        void Add(string key, string header, double width, Func<int?, Func<ResponseItem, string>> cell)
        {
            var setting = s.Column(key);
            if (setting.Display) all.Add(new Column(key, setting.Label ?? header, width, cell(setting.Precision)));
        }
        Add("name", t.ColumnName, 0, _ => i => i.Product.Name);
        Add("quantity", t.ColumnQuantity, 32, _ => i => f.Quantity(i.Quantity));
        Add("measure_unit", t.ColumnUnit, 36, _ => i => i.Product.MeasureUnit?.Name ?? "");
        Add("price", t.ColumnPrice, 54, p => i => f.Amount(i.Product.Price.Value, p));
        Add("price_after_vat", t.ColumnPriceAfterVat, 54, p => i => f.Amount(i.Product.PriceAfterVat.Value, p));
        Add("discount", t.ColumnDiscount, 40, _ => i => Discount(i.Discount, f));
        Add("vat_rate", t.ColumnVatRate, 32, p => i => f.Percent(i.Product.VatRate.Value, p));
        Add("vat_amount", t.ColumnVatAmount, 50, p => i => f.Amount(i.TotalAfterVat - i.TotalBeforeVat, p));
        Add("total_price", t.ColumnTotal, 58, p => i => f.Amount(i.TotalBeforeVat, p));
        Add("total_price_after_vat", t.ColumnTotalAfterVat, 58, p => i => f.Amount(i.TotalAfterVat, p));
        return all;
    }

    /// <summary>A discount as entered: a percentage, or an amount in the document's currency.</summary>
    internal static string Discount(DiscountResponse? discount, PdfFormat f) => discount switch
    {
        null => "",
        { Type: DiscountType.Percentage } d => f.Percent(d.Amount),
        { } d => f.Amount(d.Amount),
    };
}
