using System.Reactive.Concurrency;

namespace Streams.Testing.Marbles;

/// <summary>
/// Virtual time for marble runs. The clock counts <see cref="TimeSpan"/> ticks from a fixed
/// <see cref="Epoch"/> (2024-01-01T00:00:00Z) so <c>Now</c> is a realistic date, hourly work lines up
/// with wall-clock hours, and negative clocks (hot marbles before '^') stay valid. Unlike
/// Microsoft.Reactive.Testing's TestScheduler, work due now runs now: there is no +1 tick bump.
/// Same-tick work runs in the order it was scheduled.
/// </summary>
public sealed class MarbleScheduler : VirtualTimeScheduler<long, long>
{
    /// <summary>The instant of clock 0 (frame 0).</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a scheduler whose clock starts at <paramref name="startFrame"/> (0 or negative for hot history).</summary>
    public MarbleScheduler(TimeSpan frame, long startFrame = 0)
        : base(FrameTicks(frame, startFrame), Comparer<long>.Default)
    {
        Frame = frame;
    }

    /// <summary>Virtual time of one '-'.</summary>
    public TimeSpan Frame { get; }

    /// <summary>The clock as a frame number (rounded down when between frames).</summary>
    public long CurrentFrame => FrameOf(Clock);

    /// <summary>Clock ticks of <paramref name="frame"/>.</summary>
    public long TicksOf(long frame) => checked(frame * Frame.Ticks);

    /// <summary>Frame containing clock tick <paramref name="ticks"/> (rounded towards minus infinity).</summary>
    public long FrameOf(long ticks)
    {
        var (quotient, remainder) = Math.DivRem(ticks, Frame.Ticks);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// Runs everything due up to and including <paramref name="frame"/>, also when the clock is already
    /// there (Rx's <c>AdvanceTo(Clock)</c> returns without running the work due now).
    /// </summary>
    public void AdvanceToFrame(long frame)
    {
        var target = TicksOf(frame);
        if (target != Clock)
        {
            AdvanceTo(target);
            return;
        }

        while (GetNext() is { } next && next.DueTime <= Clock)
        {
            next.Invoke();
        }
    }

    /// <summary>Schedules <paramref name="action"/> at the absolute <paramref name="frame"/>.</summary>
    public IDisposable ScheduleAtFrame(long frame, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ScheduleAbsolute(action, TicksOf(frame), static (_, a) =>
        {
            a();
            return System.Reactive.Disposables.Disposable.Empty;
        });
    }

    /// <inheritdoc />
    protected override long Add(long absolute, long relative) => checked(absolute + relative);

    /// <inheritdoc />
    protected override DateTimeOffset ToDateTimeOffset(long absolute) => Epoch.AddTicks(absolute);

    /// <inheritdoc />
    protected override long ToRelative(TimeSpan timeSpan) => timeSpan.Ticks;

    private static long FrameTicks(TimeSpan frame, long startFrame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frame, TimeSpan.Zero);
        return checked(startFrame * frame.Ticks);
    }
}
