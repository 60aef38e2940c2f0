using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;

namespace Streams.HomeAssistant;

/// <summary>What to publish again when Home Assistant (re)starts.</summary>
internal enum BirthAnswer
{
    /// <summary>All discovery: Home Assistant set up its entities from scratch.</summary>
    Discovery,

    /// <summary>The latest availability and states, once the entities exist.</summary>
    States,
}

/// <summary>Answers Home Assistant's birth message (docs/home-assistant.md rule 7).</summary>
internal static class BirthResponder
{
    /// <summary>
    /// Each <c>online</c> on <c>&lt;prefix&gt;/status</c> waits a random delay in
    /// [<paramref name="delayMin"/>, <paramref name="delayMax"/>] (so many bridges do not answer at once),
    /// then asks for <see cref="BirthAnswer.Discovery"/>, and <paramref name="statesAfter"/> later for
    /// <see cref="BirthAnswer.States"/>. A new birth before the answer is complete starts over, counted
    /// from the last birth; anything but <c>online</c> changes nothing.
    /// <code>
    /// status:  --o--------o-o-----------
    /// answers: --------D--s-----D--s----   (delay 6 frames, states 3 frames later)
    /// </code>
    /// </summary>
    /// <param name="random">A sample in [0, 1) per birth, placing the delay within the range.</param>
    public static IObservable<BirthAnswer> AnswerBirths(
        this IObservable<string> status,
        TimeSpan delayMin,
        TimeSpan delayMax,
        TimeSpan statesAfter,
        Func<double> random,
        IScheduler scheduler,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(delayMin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(delayMax, delayMin);
        ArgumentOutOfRangeException.ThrowIfLessThan(statesAfter, TimeSpan.Zero);

        return status
            .Where(payload => payload.Trim() == StatePublisher.Online)
            .Select(_ =>
            {
                var delay = delayMin + TimeSpan.FromTicks((long)((delayMax - delayMin).Ticks * Math.Clamp(random(), 0, 1)));
                log.Information("Home Assistant is online: discovery again in {Delay:0.0} s", delay.TotalSeconds);
                return Observable.Timer(delay, scheduler).Select(_ => BirthAnswer.Discovery)
                    .Concat(Observable.Timer(statesAfter, scheduler).Select(_ => BirthAnswer.States));
            })
            .Switch();
    }
}
