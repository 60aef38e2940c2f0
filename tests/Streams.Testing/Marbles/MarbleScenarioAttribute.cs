namespace Streams.Testing.Marbles;

/// <summary>
/// Marks a static method <c>IObservable&lt;string&gt; M(IMarbleContext ctx)</c> as the code behind
/// the marble files whose <c>@scenario</c> is <paramref name="name"/> (e.g. <c>health.error-reports</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MarbleScenarioAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
