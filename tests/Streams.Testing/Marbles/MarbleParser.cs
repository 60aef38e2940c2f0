using System.Text.RegularExpressions;

namespace Streams.Testing.Marbles;

/// <summary>
/// RxJS run-mode marble grammar. Whitespace is ignored; '-' is one frame; any other character is a
/// value taking one frame; '|' completes, '#' errors; <c>(ab)</c> puts a and b at the frame of '('
/// and spans its characters (4 frames); '^' (hot and expected only) marks frame 0 and takes a frame;
/// a time progression (<c>10ms</c>, <c>1.5s</c>, <c>5m</c>, <c>1h</c>) at the start or after a space, and
/// followed by a space or the end, advances by that duration, which must be a whole number of frames.
/// </summary>
public static partial class MarbleParser
{
    /// <summary>Parses a cold diagram: no '^', no '!'.</summary>
    public static MarbleDiagram Cold(string diagram, TimeSpan frame) => Observable(diagram, frame, allowZeroMarker: false);

    /// <summary>Parses a hot (or expected) diagram: an optional '^' marks frame 0; earlier marbles get negative frames.</summary>
    public static MarbleDiagram Hot(string diagram, TimeSpan frame) => Observable(diagram, frame, allowZeroMarker: true);

    /// <summary>
    /// Parses a subscription diagram: '-', progressions, '^' (subscribe, takes a frame), '!' (unsubscribe,
    /// takes no frame) and groups such as <c>(^!)</c>. A diagram without '^' means never subscribed.
    /// </summary>
    public static MarbleSubscriptionDiagram Subscription(string diagram, TimeSpan frame)
    {
        var cursor = new Cursor(diagram, frame);
        long? subscribe = null;
        long? unsubscribe = null;
        for (var i = 0; i < diagram.Length; i++)
        {
            var c = diagram[i];
            if (char.IsWhiteSpace(c) || cursor.TryProgression(ref i))
            {
                continue;
            }

            switch (c)
            {
                case '-':
                    cursor.Dash(i);
                    break;
                case '(':
                    cursor.Open(i);
                    break;
                case ')':
                    cursor.Close(i);
                    break;
                case '^':
                    if (subscribe is not null)
                    {
                        throw new MarbleFormatException("a second subscription point '^' in a subscription diagram", i);
                    }

                    subscribe = cursor.MarbleFrame;
                    cursor.Marble();
                    break;
                case '!':
                    if (unsubscribe is not null)
                    {
                        throw new MarbleFormatException("a second unsubscription point '!' in a subscription diagram", i);
                    }

                    if (subscribe is null)
                    {
                        throw new MarbleFormatException("'!' before '^' in a subscription diagram", i);
                    }

                    unsubscribe = cursor.MarbleFrame;
                    cursor.Mark();
                    break;
                default:
                    throw new MarbleFormatException($"'{c}' is not allowed in a subscription diagram (only - ^ ! ( ) and time progressions)", i);
            }
        }

        cursor.End();
        var last = Math.Max(cursor.Frame - 1, unsubscribe ?? -1);
        return new MarbleSubscriptionDiagram(subscribe is { } s ? new MarbleSubscription(s, unsubscribe) : null, last);
    }

    private static MarbleDiagram Observable(string diagram, TimeSpan frame, bool allowZeroMarker)
    {
        var cursor = new Cursor(diagram, frame);
        var events = new List<MarbleEvent>();
        long? zero = null;
        int? terminal = null;
        for (var i = 0; i < diagram.Length; i++)
        {
            var c = diagram[i];
            if (char.IsWhiteSpace(c) || cursor.TryProgression(ref i))
            {
                continue;
            }

            switch (c)
            {
                case '-':
                    cursor.Dash(i);
                    break;
                case '(':
                    cursor.Open(i);
                    break;
                case ')':
                    cursor.Close(i);
                    break;
                case '^':
                    if (!allowZeroMarker)
                    {
                        throw new MarbleFormatException("'^' marks the subscription frame of a hot diagram; a cold diagram cannot have one (list the input in @hot)", i);
                    }

                    if (zero is not null)
                    {
                        throw new MarbleFormatException("a second '^' in one diagram", i);
                    }

                    if (cursor.InGroup)
                    {
                        throw new MarbleFormatException("'^' inside a group", i);
                    }

                    zero = cursor.Frame;
                    cursor.Advance();
                    break;
                case '!':
                    throw new MarbleFormatException("'!' (unsubscription) belongs in a subscription diagram, not an observable one", i);
                default:
                    if (terminal is { } t)
                    {
                        throw new MarbleFormatException($"'{c}' after the terminal '{diagram[t]}'", i);
                    }

                    var kind = c switch
                    {
                        '|' => MarbleEventKind.Completed,
                        '#' => MarbleEventKind.Error,
                        _ => MarbleEventKind.Next,
                    };
                    events.Add(new MarbleEvent(cursor.MarbleFrame, kind, c));
                    if (kind != MarbleEventKind.Next)
                    {
                        terminal = i;
                    }

                    cursor.Marble();
                    break;
            }
        }

        cursor.End();
        if (cursor.Frame == 0)
        {
            throw new MarbleFormatException("empty diagram (write '-' for an observable that never emits)");
        }

        var offset = zero ?? 0;
        var shifted = events.Select(e => e with { Frame = e.Frame - offset }).ToArray();
        return new MarbleDiagram(shifted, -offset, cursor.Frame - 1 - offset);
    }

    [GeneratedRegex(@"\G([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)(?=\s|$)")]
    private static partial Regex Progression();

    /// <summary>Frame counting shared by both grammars: groups, dashes and progressions.</summary>
    private sealed class Cursor
    {
        private readonly string _diagram;
        private readonly TimeSpan _frame;
        private long? _groupFrame;
        private int _groupColumn;
        private int _groupMarbles;

        public Cursor(string diagram, TimeSpan frame)
        {
            ArgumentNullException.ThrowIfNull(diagram);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frame, TimeSpan.Zero);
            _diagram = diagram;
            _frame = frame;
        }

        public long Frame { get; private set; }

        public bool InGroup => _groupFrame is not null;

        /// <summary>Frame a marble read now happens at: the group's frame inside a group.</summary>
        public long MarbleFrame => _groupFrame ?? Frame;

        public void Advance() => Frame++;

        public void Mark() => _groupMarbles++;

        public void Marble()
        {
            _groupMarbles++;
            Frame++;
        }

        public void Dash(int column)
        {
            if (InGroup)
            {
                throw new MarbleFormatException("'-' inside a group (a group is one instant)", column);
            }

            Frame++;
        }

        public void Open(int column)
        {
            if (InGroup)
            {
                throw new MarbleFormatException("nested group: '(' inside another group", column);
            }

            _groupFrame = Frame;
            _groupColumn = column;
            _groupMarbles = 0;
            Frame++;
        }

        public void Close(int column)
        {
            if (!InGroup)
            {
                throw new MarbleFormatException("')' without an opening '('", column);
            }

            if (_groupMarbles == 0)
            {
                throw new MarbleFormatException("empty group '()'", column);
            }

            _groupFrame = null;
            Frame++;
        }

        public void End()
        {
            if (InGroup)
            {
                throw new MarbleFormatException("unclosed group: this '(' has no ')'", _groupColumn);
            }
        }

        /// <summary>Consumes a time progression starting at <paramref name="i"/>, if there is one there.</summary>
        public bool TryProgression(ref int i)
        {
            if (!char.IsAsciiDigit(_diagram[i]) || (i > 0 && !char.IsWhiteSpace(_diagram[i - 1])))
            {
                return false;
            }

            var match = Progression().Match(_diagram, i);
            if (!match.Success)
            {
                return false;
            }

            if (InGroup)
            {
                throw new MarbleFormatException($"time progression '{match.Value}' inside a group", i);
            }

            if (!MarbleDuration.TryParse(match.Value, out var duration) || duration.Ticks % _frame.Ticks != 0)
            {
                throw new MarbleFormatException(
                    $"time progression '{match.Value}' is not a whole number of {MarbleDuration.Format(_frame)} frames", i);
            }

            Frame += duration.Ticks / _frame.Ticks;
            i += match.Length - 1;
            return true;
        }
    }
}
