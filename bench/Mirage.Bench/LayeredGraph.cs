using Mirage.Engine.Model;

namespace Mirage.Bench;

/// <summary>
/// A registration shaped like a large real configuration: a layer of leaf devices (clocks, stores,
/// network interfaces), then layers of functors applied to devices of the layers below. Some impls
/// are reused as they are (sharing by identity), some applications are built again from the same
/// functor and arguments (shared by the optimizer), and some choices go through <c>if_impl</c> on a
/// few configure keys. The last layer's impls are the jobs. Seeded, so every run builds the same graph.
/// </summary>
public static class LayeredGraph
{
    private const int Width = 64;
    private static readonly ModuleType s_value = new ModuleType.Base("value");

    public static readonly IReadOnlyList<Key> Keys =
    [
        BoolKey("fast"), BoolKey("tls"), BoolKey("metrics"), BoolKey("debug"),
    ];

    /// <summary>A registration of about <paramref name="nodeCount"/> graph nodes.</summary>
    public static Registration Create(int nodeCount)
    {
        var random = new Random(nodeCount);
        var functors = new Device[3][];
        for (var arity = 1; arity <= 3; arity++)
        {
            functors[arity - 1] = new Device[Width];
        }
        var nodes = 0;
        var below = new List<Impl>();
        for (var i = 0; i < Width; i++)
        {
            below.Add(Impl.Of(Leaf(i)));
            nodes++;
        }
        var layer = 0;
        while (nodes < nodeCount)
        {
            layer++;
            var current = new List<Impl>(Width);
            var picker = new Picker(below, random);
            for (var i = 0; i < Width && nodes < nodeCount; i++)
            {
                var roll = random.Next(100);
                if (roll < 10)
                {
                    // Reused as is: one Impl object in two places.
                    current.Add(picker.Next());
                }
                else if (roll < 20)
                {
                    var key = Keys[random.Next(Keys.Count)];
                    current.Add(new IfImpl(KeyValue.Of(key), picker.Next(), picker.Next()));
                    nodes++;
                }
                else
                {
                    var arity = 1 + random.Next(3);
                    var slot = random.Next(Width);
                    var functor = functors[arity - 1][slot];
                    if (functor is null)
                    {
                        functor = functors[arity - 1][slot] = Functor(arity, slot);
                        nodes++;
                    }
                    // Many applications of one functor to the same arguments, built separately.
                    var arguments = new Impl[arity];
                    for (var a = 0; a < arity; a++)
                    {
                        arguments[a] = roll < 30 ? below[a % below.Count] : picker.Next();
                    }
                    var impl = Impl.Of(functor);
                    foreach (var argument in arguments)
                    {
                        impl = Impl.Apply(impl, argument);
                        nodes++;
                    }
                    current.Add(impl);
                }
            }
            // A layer also sees the one below it, so chains grow deep and arguments mix.
            below = [.. current, .. below.Take(Width / 4)];
        }
        var reporter = new Device("Mirage.Runtime.Logging.ConsoleReporter", s_value);
        return new Registration(
            $"layered{nodeCount}",
            below.Take(Width).ToArray(),
            [(InitRole.Reporter, Impl.Of(reporter))]);
    }

    /// <summary>
    /// Picks every impl of the layer below once, in order, before picking at random, so that almost
    /// every impl is used by the layer above and the whole graph hangs from the jobs.
    /// </summary>
    private sealed class Picker(List<Impl> impls, Random random)
    {
        private int _next;

        public Impl Next() => _next < impls.Count ? impls[_next++] : impls[random.Next(impls.Count)];
    }

    private static Device Leaf(int i) => new(
        $"Leaf{i}",
        s_value,
        packages: [new Package($"Leaf.Package{i % 16}", Min: $"1.{i % 7}")],
        keys: i % 8 == 0 ? [Keys[i % Keys.Count]] : null);

    private static Device Functor(int arity, int slot)
    {
        ModuleType type = s_value;
        for (var a = 0; a < arity; a++)
        {
            type = new ModuleType.Functor(s_value, type);
        }
        var name = $"Functor{arity}x{slot}";
        return new Device(
            name,
            type,
            packages: [new Package($"Shared.Package{slot % 8}", Min: "2.0", Max: $"{3 + slot % 3}.0")],
            runtimeArgs: slot % 4 == 0
                ? [new RuntimeArg($"arg{slot}", "doc", "string", $"Arg.String(\"arg{slot}\", \"\", \"doc\")")]
                : null);
    }

    private static Key BoolKey(string name) => new(
        name,
        $"Enables {name}.",
        "BOOL",
        false,
        text => bool.TryParse(text, out var value) ? (value, null) : (null, "expected true or false"),
        value => (bool)value ? "true" : "false");
}
