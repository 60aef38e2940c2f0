using System.Reactive.Concurrency;

namespace Streams.Testing.Marbles;

/// <summary>The <see cref="IMarbleContext"/> of one run: creates each input on first request.</summary>
internal sealed class MarbleContext(MarbleFile file, MarbleScheduler scheduler) : IMarbleContext
{
    private readonly Dictionary<string, MarbleInput> _inputs = new(StringComparer.Ordinal);

    public IScheduler Scheduler => scheduler;

    public TimeSpan Frame => file.Frame;

    /// <summary>Once the run has started, hot inputs created from now on are armed immediately.</summary>
    public bool ArmOnRequest { get; set; }

    /// <summary>Inputs the scenario asked for, in request order.</summary>
    public IEnumerable<MarbleInput> Requested => _inputs.Values;

    public IObservable<string> Input(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_inputs.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var spec = file.Inputs.FirstOrDefault(i => i.Name == name)
            ?? throw new InvalidOperationException(
                $"{file.Source}: scenario '{file.Scenario}' asked for input '{name}', but the file has "
                + (file.Inputs.Count == 0 ? "no inputs" : "only " + string.Join(", ", file.Inputs.Select(i => i.Name))));
        Exception error;
        try
        {
            error = spec.Error.Create();
        }
        catch (MarbleFormatException e)
        {
            throw new MarbleFormatException($"{file.Source}:{spec.Line}: input '{name}': {e.Message}", e);
        }

        MarbleInput input = spec.Hot
            ? new HotMarble(name, scheduler, spec.Diagram, file.Value, () => error)
            : new ColdMarble(name, scheduler, spec.Diagram, file.Value, () => error);
        _inputs.Add(name, input);
        if (ArmOnRequest)
        {
            input.Arm();
        }

        return input;
    }

    public string Value(char key) => file.Value(key);

    public string? Meta(string name) => file.Meta.TryGetValue(name, out var value) ? value : null;
}
