using Microsoft.Playwright;

namespace Participation.Host.Tests.Pages;

/// <summary>Moving through a page as a keyboard user does: Tab, and nothing but Tab, until the wanted element has focus.</summary>
public static class Keyboard
{
    public static async Task TabToAsync(IPage page, string selector, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        throw new InvalidOperationException($"{maxPresses} presses of Tab did not reach {selector}.");
    }
}
