namespace Participation.Host.Retention;

public static class DestructionRoutes
{
    public const string Lists = "/api/destruction-lists";

    /// <summary>One list; <c>{listId}</c> is a UUID other than the empty one.</summary>
    public const string List = Lists + "/{listId:id}";
}
