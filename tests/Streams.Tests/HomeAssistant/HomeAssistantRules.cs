namespace Streams.Tests.HomeAssistant;

/// <summary>Every static rule of <see cref="HomeAssistantRuleBook"/> by name, for tests that check a whole discovery at once.</summary>
internal static class HomeAssistantRules
{
    public static IReadOnlyDictionary<string, IEnumerable<string>> EveryRule(this HomeAssistantRuleBook book) =>
        new Dictionary<string, IEnumerable<string>>
        {
            ["1 topic layout"] = book.Rule01TopicLayout(),
            ["2 JSON objects"] = book.Rule02JsonObject(),
            ["3 unique ids"] = book.Rule03UniqueIds(),
            ["4 device block"] = book.Rule04DeviceBlock(),
            ["5 origin"] = book.Rule05Origin(),
            ["6 availability"] = book.Rule06Availability(),
            ["8 sensor classes"] = book.Rule08SensorClasses(),
            ["9 switches"] = book.Rule09Switches(),
            ["11 expire_after"] = book.Rule11ExpireAfter(),
            ["12 diagnostics"] = book.Rule12Diagnostics(),
            ["13 display precision"] = book.Rule13DisplayPrecision(),
            ["14 own topics"] = book.Rule14OwnTopics(),
            ["15 default_entity_id"] = book.Rule15DefaultEntityId(),
            ["16 avoided options"] = book.Rule16Avoid(),
            ["17 via_device"] = book.Rule17ViaDevice(),
            ["12. template keys"] = book.TemplateKeysInState(),
        };
}
