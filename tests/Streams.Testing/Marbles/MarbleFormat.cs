using System.Globalization;
using System.Text;

namespace Streams.Testing.Marbles;

/// <summary>
/// Renders events back into marble diagrams for failure messages. Rows are aligned frame by frame
/// (padding is whitespace, which the grammar ignores, so each row stays a valid diagram where the
/// events allow it), and stretches of frames where no row has an event are compressed into one time
/// progression such as <c> 59m </c>.
/// </summary>
public static class MarbleFormat
{
    /// <summary>Gaps longer than this many frames are written as a time progression.</summary>
    public const int CompressGapsLongerThan = 12;

    /// <summary>
    /// Renders <paramref name="rows"/> one under the other (<c>label: diagram</c>), from the earliest event
    /// (or frame 0) to <paramref name="lastFrame"/>, one character per frame as the grammar counts them (a
    /// group <c>(ab)</c> covers its 4 frames). Rows with events before frame 0 get a '^' at frame 0.
    /// </summary>
    public static string Aligned(IReadOnlyList<(string Label, IReadOnlyList<MarbleEvent> Events)> rows, TimeSpan frame, long lastFrame)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var frames = rows.SelectMany(r => r.Events).Select(e => e.Frame).ToList();
        var start = frames.Append(0).Min();
        var end = frames.Append(lastFrame).Max();
        var tracks = rows.Select(r => new Track(r.Events, hasHistory: r.Events.Any(e => e.Frame < 0))).ToList();
        var marked = new SortedSet<long>(frames);
        if (start < 0)
        {
            marked.Add(0);
        }

        var position = 0;
        for (var f = start; f <= end;)
        {
            if (marked.Contains(f))
            {
                tracks.ForEach(t => t.Frame(f, position));
                position++;
                f++;
                continue;
            }

            var next = marked.GetViewBetween(f, end).Select(m => (long?)m).FirstOrDefault() ?? end + 1;
            var (gapStart, length) = (f, next - f);
            var compressed = length > CompressGapsLongerThan;
            tracks.ForEach(t => t.Gap(gapStart, length, compressed, frame, position));

            // Dashes keep one character per frame; progressions differ in width, so realign after them.
            position = compressed ? tracks.Max(t => t.Text.Length) : position + (int)length;

            f = next;
        }

        var labelWidth = rows.Select(r => r.Label.Length).DefaultIfEmpty(0).Max() + 2;
        var text = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            text.Append((rows[i].Label + ":").PadRight(labelWidth)).Append(tracks[i].Text.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One subscription window as a subscription diagram (<c>--^---!</c>; <c>-</c> for none).</summary>
    public static string Subscription(MarbleSubscription? subscription, TimeSpan frame)
    {
        if (subscription is not { } s)
        {
            return "-";
        }

        var text = new StringBuilder(Dashes(s.Subscribe, frame));
        if (s.Unsubscribe == s.Subscribe)
        {
            return text.Append("(^!)").ToString();
        }

        text.Append('^');
        if (s.Unsubscribe is { } end)
        {
            text.Append(Dashes(end - s.Subscribe - 1, frame)).Append('!');
        }

        return text.ToString();
    }

    /// <summary>Frame number of <paramref name="ticks"/>, with decimals when between frames (<c>7</c>, <c>7.5</c>).</summary>
    public static string FrameNumber(long ticks, TimeSpan frame) =>
        ((decimal)ticks / frame.Ticks).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Virtual time since <see cref="MarbleScheduler.Epoch"/> as <c>[-][Nd ]hh:mm:ss[.fffffff]</c>.</summary>
    public static string Time(long ticks)
    {
        var span = TimeSpan.FromTicks(Math.Abs(ticks));
        var text = new StringBuilder(ticks < 0 ? "-" : "");
        if (span.Days > 0)
        {
            text.Append(span.Days.ToString(CultureInfo.InvariantCulture)).Append("d ");
        }

        text.Append(span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        var fraction = span.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.ToString();
    }

    private static string Dashes(long frames, TimeSpan frame) =>
        frames <= 0 ? ""
        : frames > CompressGapsLongerThan ? $" {MarbleDuration.Format(frame * frames)} "
        : new string('-', (int)frames);

    /// <summary>
    /// One row being rendered. Every frame is one character, so rows line up by themselves; a group's
    /// extra characters stand for the frames after it, during which the row writes nothing.
    /// </summary>
    private sealed class Track(IReadOnlyList<MarbleEvent> events, bool hasHistory)
    {
        private readonly ILookup<long, MarbleEvent> _byFrame = events.ToLookup(e => e.Frame);

        public StringBuilder Text { get; } = new();

        public void Frame(long frame, int position)
        {
            var here = _byFrame[frame].ToList();
            if (Text.Length > position && here.Count == 0)
            {
                return;
            }

            Pad(position);
            Text.Append(here.Count switch
            {
                1 => here[0].Key.ToString(),
                > 1 => "(" + string.Concat(here.Select(e => e.Key)) + ")",
                _ when frame < 0 && !hasHistory => " ",
                _ => frame == 0 && hasHistory ? "^" : "-",
            });
        }

        public void Gap(long start, long length, bool compress, TimeSpan frame, int position)
        {
            var covered = Math.Clamp(Text.Length - position, 0, length);
            var remaining = length - covered;
            Pad(position);
            if (remaining == 0)
            {
                return;
            }

            Text.Append(
                start < 0 && !hasHistory ? (compress ? "" : new string(' ', (int)remaining))
                : compress ? $" {MarbleDuration.Format(frame * remaining)} "
                : new string('-', (int)remaining));
        }

        private void Pad(int position) => Text.Append(' ', Math.Max(0, position - Text.Length));
    }
}
