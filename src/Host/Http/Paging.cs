namespace Participation.Host.Http;

/// <summary>A page of a list as asked for: its 1-based number and its size, checked against the route's limits.</summary>
public readonly record struct Paging(int Page, int Size)
{
    /// <summary>How many rows come before the page; the checks keep it within what a query can skip.</summary>
    public int Skip => (Page - 1) * Size;

    /// <summary>The page asked for; what is wrong with it goes into <paramref name="errors"/>.</summary>
    public static Paging From(int? page, int? pageSize, int defaultSize, int maxSize, IDictionary<string, string[]> errors)
    {
        var paging = new Paging(page ?? 1, pageSize ?? defaultSize);
        if (paging.Page < 1) errors["page"] = ["must be 1 or more"];
        else if ((long)(paging.Page - 1) * paging.Size > int.MaxValue) errors["page"] = [$"lies beyond any list: (page - 1) × pageSize may be at most {int.MaxValue:N0}"];
        if (paging.Size < 1 || paging.Size > maxSize) errors["pageSize"] = [$"must be between 1 and {maxSize}"];
        return paging;
    }
}
