using System.Collections.Concurrent;
using System.Reactive.Disposables;
using System.Reflection;

namespace Streams.Testing.Marbles;

/// <summary>
/// Runs a marble file against its scenario in virtual time: subscribes the scenario at frame 0 (or the
/// <c>subscription</c> line's '^'), arms hot inputs, advances to the horizon, snapshots the input
/// subscription logs, and disposes (at '!' if given, else at the horizon).
/// </summary>
public static class MarbleRun
{
    private static readonly ConcurrentDictionary<string, MarbleScenarios> Tables = new(StringComparer.Ordinal);

    /// <summary>Verifies <paramref name="file"/> (relative to <see cref="MarbleCases.Root"/>) with the [MarbleScenario] methods of <paramref name="assemblies"/>.</summary>
    public static void Verify(string file, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var key = string.Join("|", assemblies.Select(a => a.FullName).Order(StringComparer.Ordinal));
        Verify(file, Tables.GetOrAdd(key, _ => MarbleScenarios.In(assemblies)));
    }

    /// <summary>Verifies <paramref name="file"/> (relative to <see cref="MarbleCases.Root"/>) with an explicit scenario table.</summary>
    public static void Verify(string file, IReadOnlyDictionary<string, Func<IMarbleContext, IObservable<string>>> scenarios) =>
        Verify(file, new MarbleScenarios(scenarios));

    /// <summary>Verifies <paramref name="file"/> (relative to <see cref="MarbleCases.Root"/>) with <paramref name="scenarios"/>.</summary>
    public static void Verify(string file, MarbleScenarios scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var marbles = MarbleCases.Load(file);
        Verify(marbles, scenarios.Get(marbles.Scenario, marbles.Source));
    }

    /// <summary>Runs <paramref name="scenario"/> on <paramref name="file"/> and throws <see cref="MarbleMismatchException"/> on any difference.</summary>
    public static void Verify(MarbleFile file, Func<IMarbleContext, IObservable<string>> scenario) =>
        MarbleAssert.Matches(file, Run(file, scenario));

    /// <summary>Runs <paramref name="scenario"/> on <paramref name="file"/> and returns what it emitted and how inputs were subscribed.</summary>
    public static MarbleResult Run(MarbleFile file, Func<IMarbleContext, IObservable<string>> scenario)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(scenario);
        var scheduler = new MarbleScheduler(file.Frame, file.FirstFrame);
        var context = new MarbleContext(file, scheduler);
        var observable = scenario(context)
            ?? throw new InvalidOperationException($"{file.Source}: scenario '{file.Scenario}' returned null");
        var recorder = new MarbleRecorder(scheduler);
        var subscription = new SingleAssignmentDisposable();
        var window = file.Subscription;

        scheduler.ScheduleAtFrame(window.Subscribe, () => subscription.Disposable = observable.Subscribe(recorder));
        if (window.Unsubscribe is { } end)
        {
            scheduler.ScheduleAtFrame(end, subscription.Dispose);
        }

        // Inputs requested while the scenario was built; ones requested later (inside Defer) arm on request.
        foreach (var input in context.Requested.ToList())
        {
            input.Arm();
        }

        context.ArmOnRequest = true;
        scheduler.AdvanceToFrame(file.Horizon);
        var logs = context.Requested.ToDictionary(i => i.Name, i => (IReadOnlyList<MarbleSubscription>)i.Subscriptions.ToList(), StringComparer.Ordinal);
        subscription.Dispose();

        var unused = file.Inputs.Select(i => i.Name).Where(n => !logs.ContainsKey(n)).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException(
                $"{file.Source}: scenario '{file.Scenario}' never asked for input(s) {string.Join(", ", unused)}; remove them or use ctx.Input(\"name\")");
        }

        return new MarbleResult(file.Frame, recorder.Events, logs);
    }
}
