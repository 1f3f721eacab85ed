using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace MlNode.Schema;

/// <summary>
/// The documents' own naming, and which fields a document always has, for the schema only: the tool writes every
/// field except those it leaves out when null, so those are the schema's required fields. (Reading stays lenient:
/// the tool never deserializes with this resolver.)
/// </summary>
internal sealed class RequiredContractResolver(Func<MemberInfo, bool> isRequired) : DefaultContractResolver
{
    public RequiredContractResolver()
        : this(_ => true)
    {
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.NullValueHandling != NullValueHandling.Ignore && isRequired(member))
        {
            property.Required = Required.AllowNull;
        }

        return property;
    }
}
