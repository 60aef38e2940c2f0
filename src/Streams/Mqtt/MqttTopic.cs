namespace Streams.Mqtt;

/// <summary>
/// Topic names (what PUBLISH carries) and topic filters (what SUBSCRIBE carries), §4.7. Validate
/// before sending: every broker closes the connection on a bad topic, taking every message queued
/// behind it down too.
/// </summary>
internal static class MqttTopic
{
    /// <summary>Why <paramref name="topic"/> is not a valid PUBLISH topic name, or null when it is.</summary>
    public static string? NameProblem(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            return "topic name is empty";
        }

        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            return $"topic name '{Printable(topic)}' contains a wildcard ('+' or '#'), which only subscriptions may use";
        }

        return MqttStrings.Problem(topic, $"topic name '{Printable(topic)}'");
    }

    /// <summary>Why <paramref name="filter"/> is not a valid SUBSCRIBE/UNSUBSCRIBE filter, or null when it is.</summary>
    public static string? FilterProblem(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length == 0)
        {
            return "topic filter is empty";
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#') && (level != "#" || i != levels.Length - 1))
            {
                return $"topic filter '{Printable(filter)}': '#' must be a whole level and the last one";
            }

            if (level.Contains('+') && level != "+")
            {
                return $"topic filter '{Printable(filter)}': '+' must be a whole level";
            }
        }

        return MqttStrings.Problem(filter, $"topic filter '{Printable(filter)}'");
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason when <paramref name="topic"/> cannot be published to.</summary>
    public static void ValidateName(string topic, string paramName = "topic")
    {
        var problem = NameProblem(topic);
        if (problem is not null)
        {
            throw new ArgumentException(problem, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason when <paramref name="filter"/> cannot be subscribed to.</summary>
    public static void ValidateFilter(string filter, string paramName = "filter")
    {
        var problem = FilterProblem(filter);
        if (problem is not null)
        {
            throw new ArgumentException(problem, paramName);
        }
    }

    private static string Printable(string s) => s.Replace("\0", "\\0", StringComparison.Ordinal);
}
