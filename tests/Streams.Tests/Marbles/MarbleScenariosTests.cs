using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleScenariosTests
{
    [Fact]
    public void Finds_the_scenario_methods_of_an_assembly()
    {
        var scenarios = MarbleScenarios.In(typeof(HarnessScenarios).Assembly);

        scenarios.Names.Should().Contain(["harness.throttle", "harness.take", "harness.report-on-change-and-periodically"]);
        scenarios.TryGet("harness.take", out var take).Should().BeTrue();
        take.Method.Should().BeSameAs(typeof(HarnessScenarios).GetMethod(nameof(HarnessScenarios.Take)));
        scenarios.TryGet("nope", out _).Should().BeFalse();
    }

    [Fact]
    public void Accepts_a_valid_method_in_any_assembly()
    {
        var assembly = Emit(("Valid", "emitted.valid", MethodAttributes.Static, typeof(IObservable<string>), [typeof(IMarbleContext)]));

        MarbleScenarios.In(assembly).Names.Should().Equal("emitted.valid");
    }

    [Fact]
    public void Rejects_every_invalid_method_at_once_naming_each()
    {
        var assembly = Emit(
            ("Instance", "a", 0, typeof(IObservable<string>), [typeof(IMarbleContext)]),
            ("WrongReturn", "b", MethodAttributes.Static, typeof(IObservable<int>), [typeof(IMarbleContext)]),
            ("WrongParameters", "c", MethodAttributes.Static, typeof(IObservable<string>), [typeof(IMarbleContext), typeof(string)]),
            ("First", "d", MethodAttributes.Static, typeof(IObservable<string>), [typeof(IMarbleContext)]),
            ("Second", "d", MethodAttributes.Static, typeof(IObservable<string>), [typeof(IMarbleContext)]),
            ("Unnamed", " ", MethodAttributes.Static, typeof(IObservable<string>), [typeof(IMarbleContext)]));

        var message = FluentActions.Invoking(() => MarbleScenarios.In(assembly))
            .Should().Throw<InvalidOperationException>().Which.Message;

        message.Should().StartWith("invalid marble scenarios:");
        message.Should().Contain("Emitted.Scenarios.Instance: it is an instance method; a [MarbleScenario] must be 'static IObservable<string> Instance(IMarbleContext ctx)'");
        message.Should().Contain("Emitted.Scenarios.WrongReturn: it returns IObservable<Int32>");
        message.Should().Contain("Emitted.Scenarios.WrongParameters: it takes (IMarbleContext, String)");
        message.Should().Contain("Emitted.Scenarios.Second: scenario 'd' is already implemented by Emitted.Scenarios.First");
        message.Should().Contain("Emitted.Scenarios.Unnamed: [MarbleScenario] needs a name");
    }

    private static Assembly Emit(params (string Method, string Scenario, MethodAttributes Kind, Type Returns, Type[] Takes)[] methods)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Emitted" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("Emitted").DefineType("Emitted.Scenarios", TypeAttributes.Public | TypeAttributes.Class);
        var attribute = typeof(MarbleScenarioAttribute).GetConstructor([typeof(string)])!;
        foreach (var (name, scenario, kind, returns, takes) in methods)
        {
            var method = type.DefineMethod(name, MethodAttributes.Public | kind, returns, takes);
            method.SetCustomAttribute(new CustomAttributeBuilder(attribute, [scenario]));
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ret);
        }

        type.CreateType();
        return assembly;
    }
}
