using System.Diagnostics;

namespace PartnerForge.Tests.Support;

/// <summary>
/// Real file-system faults for the tests, made with the kernel's own tools (the tests run as root, as CI does):
/// a folder made immutable (<c>chattr +i</c>: not even root can create or change files in it), and a small tmpfs
/// that really fills up (ENOSPC) and is freed again.
/// </summary>
internal static class FileSystemFaults
{
    /// <summary>Makes <paramref name="path"/> read-only for everyone until disposed.</summary>
    public static IDisposable ReadOnly(string path)
    {
        Run("chattr", "+i", path);
        return new Undo(() => Run("chattr", "-i", path));
    }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB at a new folder.</summary>
    public static TinyDisk MountTinyDisk(int megabytes)
    {
        var path = TestEnvironment.NewDirectory("tinydisk");
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path);
        return new TinyDisk(path);
    }

    public static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}. These fault tests run as root.");
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>A small tmpfs: <see cref="Fill"/> takes every free byte with a filler file, <see cref="Free"/> gives it back.</summary>
internal sealed class TinyDisk(string path) : IDisposable
{
    private string Filler => System.IO.Path.Combine(Path, ".filler");

    public string Path { get; } = path;

    public void Fill()
    {
        // Unbuffered, in ever smaller blocks, so that not even one page of the tmpfs is left.
        using var stream = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 1 << 20, 1 << 16, 1 << 12 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    stream.Write(block);
                }
            }
            catch (IOException)
            {
                // ENOSPC for a block of this size: try a smaller one.
            }
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            FileSystemFaults.Run("umount", "-l", Path);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
