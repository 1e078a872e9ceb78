using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Mirage.Engine.Model;

namespace Mirage.Engine.Graph;

/// <summary>
/// Flattens the <see cref="Impl"/> terms of a registration into a <see cref="DeviceGraph"/>. Sharing
/// follows identity: one <see cref="Impl"/> object, or two <see cref="DeviceImpl"/>s of one
/// <see cref="Device"/>, become one node. Terms are walked with an explicit stack, so a chain of any
/// depth is fine.
/// </summary>
public static class GraphBuilder
{
    public static DeviceGraph Build(Registration registration)
    {
        var builder = new Builder();
        var init = new (InitRole Role, int Node)[registration.Init.Count];
        for (var i = 0; i < init.Length; i++)
        {
            var (role, impl) = registration.Init[i];
            init[i] = (role, builder.IndexOf(impl));
        }
        var jobs = new int[registration.Jobs.Count];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = builder.IndexOf(registration.Jobs[i]);
        }
        builder.Drain();
        return new DeviceGraph(
            registration.Name,
            builder.Nodes,
            ImmutableCollectionsMarshal.AsImmutableArray(jobs),
            ImmutableCollectionsMarshal.AsImmutableArray(init),
            registration.Location);
    }

    /// <summary>
    /// Gives every term an index when first seen and builds its node later, from the stack: a node
    /// only needs its children's indices, not their nodes.
    /// </summary>
    private sealed class Builder
    {
        private readonly Dictionary<Impl, int> _implIndex = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<int, int> _deviceIndex = [];
        private readonly List<Node?> _nodes = [];
        private readonly Stack<(Impl Impl, int Index)> _pending = new();

        public ImmutableArray<Node> Nodes
        {
            get
            {
                var nodes = new Node[_nodes.Count];
                for (var i = 0; i < nodes.Length; i++)
                {
                    nodes[i] = _nodes[i]!;
                }
                return ImmutableCollectionsMarshal.AsImmutableArray(nodes);
            }
        }

        public int IndexOf(Impl impl)
        {
            if (impl is DeviceImpl device)
            {
                if (!_deviceIndex.TryGetValue(device.Device.Id, out var deviceNode))
                {
                    deviceNode = Allocate(impl);
                    _deviceIndex.Add(device.Device.Id, deviceNode);
                }
                return deviceNode;
            }
            if (!_implIndex.TryGetValue(impl, out var index))
            {
                index = Allocate(impl);
                _implIndex.Add(impl, index);
            }
            return index;
        }

        public void Drain()
        {
            while (_pending.TryPop(out var item))
            {
                _nodes[item.Index] = NodeOf(item.Impl);
            }
        }

        private int Allocate(Impl impl)
        {
            var index = _nodes.Count;
            _nodes.Add(null);
            _pending.Push((impl, index));
            return index;
        }

        private Node NodeOf(Impl impl) => impl switch
        {
            DeviceImpl d => new DeviceNode(d.Device, IndicesOf(d.Device.ExtraDeps)),
            AppImpl a => new AppNode(IndexOf(a.Functor), IndexOf(a.Argument)),
            IfImpl c => new IfNode(c.Condition, IndexOf(c.Then), IndexOf(c.Else)),
            MatchImpl m => new MatchNode(m.Value, CasesOf(m.Cases), IndexOf(m.Default)),
            _ => throw new ArgumentException($"unknown kind of impl: {impl.GetType().Name}", nameof(impl)),
        };

        private ImmutableArray<int> IndicesOf(IReadOnlyList<Impl> impls)
        {
            var indices = new int[impls.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = IndexOf(impls[i]);
            }
            return ImmutableCollectionsMarshal.AsImmutableArray(indices);
        }

        private ImmutableArray<(object Value, int Node)> CasesOf(IReadOnlyList<(object Value, Impl Impl)> cases)
        {
            var indices = new (object Value, int Node)[cases.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = (cases[i].Value, IndexOf(cases[i].Impl));
            }
            return ImmutableCollectionsMarshal.AsImmutableArray(indices);
        }
    }
}
