using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal enum WriteMode
{
    Create,
    Update,
    Upsert,
}

internal sealed partial class SalesforceFake
{
    private static readonly HashSet<string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "SystemModstamp", "LastModifiedDate", "CreatedDate", "IsDeleted", "MasterRecordId", "IsClosed", "IsWon",
    };

    /// <summary>The sObject collections API: one answer per record, in order; with allOrNone false a refusal stops only its record.</summary>
    private IResult Write(JsonNode body, WriteMode mode, string? upsertType, string? externalField)
    {
        var records = body["records"] as JsonArray ?? [];
        if (records.Count > 200)
        {
            return Errors(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        if (body["allOrNone"]?.GetValue<bool>() != false)
        {
            return Errors(400, "INVALID_FIELD", "PartnerForge's fake expects allOrNone false, as the connector sends it.");
        }

        lock (_lock)
        {
            var answers = new JsonArray();
            foreach (var record in records.OfType<JsonObject>())
            {
                answers.Add(WriteOne(record, mode, upsertType, externalField));
            }

            return Json(answers);
        }
    }

    private JsonObject WriteOne(JsonObject input, WriteMode mode, string? upsertType, string? externalField)
    {
        var type = upsertType ?? input["attributes"]?["type"]?.GetValue<string>();
        if (type is null || !_objects.TryGetValue(type, out var objects))
        {
            return Failed(null, "INVALID_TYPE", "sObject type is missing or not supported", []);
        }

        var values = input.Where(p => p.Key is not ("attributes" or "id")).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var target = Target(objects, input, values, mode, externalField, out var failure);
        if (failure is not null)
        {
            return failure;
        }

        foreach (var field in values.Keys)
        {
            if (!_fields[type].Contains(field))
            {
                return Failed(target?.Id, "INVALID_FIELD", $"No such column '{field}' on sobject of type {type}", []);
            }

            if (ReadOnly.Contains(field))
            {
                return Failed(target?.Id, "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", [field]);
            }
        }

        var merged = new Dictionary<string, JsonNode?>(target?.Fields ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            merged[key] = value;
        }

        if (type == "Account" && target is null && SfRecord.Text(merged.GetValueOrDefault("Name")) is not { Length: > 0 })
        {
            return Failed(null, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", ["Name"]);
        }

        if (type == "Account" && AccountValidationRule?.Invoke(merged) is { } refusal)
        {
            return Failed(target?.Id, "FIELD_CUSTOM_VALIDATION_EXCEPTION", refusal, []);
        }

        var created = target is null;
        target ??= new SfRecord(type, NewId(type), DateTimeOffset.UtcNow);
        foreach (var (key, value) in values)
        {
            target.Fields[key] = value?.DeepClone();
        }

        target.Touch(DateTimeOffset.UtcNow);
        objects[target.Id] = target;
        var answer = new JsonObject { ["id"] = target.Id, ["success"] = true, ["errors"] = new JsonArray() };
        if (mode == WriteMode.Upsert)
        {
            answer["created"] = created;
        }

        return answer;
    }

    private static SfRecord? Target(Dictionary<string, SfRecord> objects, JsonObject input, Dictionary<string, JsonNode?> values, WriteMode mode, string? externalField,
        out JsonObject? failure)
    {
        failure = null;
        switch (mode)
        {
            case WriteMode.Update:
                var id = input["id"]?.GetValue<string>();
                if (id is null || !objects.TryGetValue(id, out var existing))
                {
                    failure = Failed(id, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", []);
                    return null;
                }

                if (existing.IsDeleted)
                {
                    failure = Failed(id, "ENTITY_IS_DELETED", "entity is deleted", []);
                    return null;
                }

                return existing;
            case WriteMode.Upsert:
                var key = SfRecord.Text(values.GetValueOrDefault(externalField!));
                if (key is null)
                {
                    failure = Failed(null, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{externalField}]", [externalField!]);
                    return null;
                }

                return objects.Values.FirstOrDefault(r => !r.IsDeleted && SfRecord.Text(r.Fields.GetValueOrDefault(externalField!)) == key);
            default:
                return null;
        }
    }

    private static JsonObject Failed(string? id, string code, string message, string[] fields) => new()
    {
        ["id"] = id,
        ["success"] = false,
        ["errors"] = new JsonArray(new JsonObject
        {
            ["statusCode"] = code,
            ["message"] = message,
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()),
        }),
    };
}
