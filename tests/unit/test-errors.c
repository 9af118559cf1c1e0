/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-errors.c: every bad input gets an error naming the token and what was
 * expected, and leaves the lab exactly as it was. */
#include "helpers.h"
#include "unit.h"

#define SETUP "node ns1 ns2; router r1; switch sw; " \
	"cable ns1 r1 10.0.1.2/24 10.0.1.1/24; cable ns2 sw 10.0.2.2/24"

static const struct bad bad[] = {
	/* names */
	{ "node ''", 1, "empty node name" },
	{ "node a/b", 1, "cannot contain '/'" },
	{ "node .", 1, "'.' cannot be a node name" },
	{ "node ..", 1, "'..' cannot be a node name" },
	{ "node cable", 1, "'cable' is a command word" },
	{ "node host", 1, "'host' is a reserved word" },
	{ "node a:b", 1, "cannot contain ':'" },
	{ "node ok ns1", 2, "'ns1': a node of that name already exists" },
	{ "node x y x", 3, "'x' is named twice" },
	{ "node xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	  1, "node name too long (256 bytes; the kernel allows 255)" },
	{ "cable ns1:abcdefghijklmnop ns2", 1, "interface name too long (16 bytes; the kernel allows 15)" },
	{ "cable ns1:a/b ns2", 1, "cannot contain '/'" },
	{ "cable ns1: ns2", 1, "empty interface name" },
	{ "cable ns1:. ns2", 1, "'.' cannot be a interface name" },
	/* unknown things */
	{ "cable ns1 ns9", 2, "'ns9': no such node (nodes: host, ns1, ns2, r1, sw)" },
	{ "addr ns1:eth7 10.0.0.1/24", 1, "ns1 has no interface eth7 (it has: eth0)" },
	{ "route ns9 default via 10.0.1.1", 1, "'ns9': no such node" },
	{ "route ns1 default via 10.0.1.1 dev eth9", 6, "'eth9': ns1 has no such interface" },
	{ "del ns9", 1, "'ns9': no such node" },
	{ "show ns9", 1, "'ns9': no such node" },
	{ "cabel ns1 ns2", 0, "unknown command 'cabel'; did you mean cable?" },
	{ "frobnicate", 0, "unknown command or node 'frobnicate': expected a command" },
	{ "ip a", 0, "unknown command or node 'ip': expected a command (help lists them) or a node to run a program in, as NODE ip ..." },
	{ "ls", 0, "unknown command or node 'ls'" },
	{ "shwo", 0, "unknown command 'shwo'; did you mean show?" },
	/* keywords mistyped */
	{ "route ns1 defualt via 10.0.1.1", 2, "not an IPv4 or IPv6 address; expected an address; did you mean default?" },
	{ "route ns1 default vai 10.0.1.1", 3, "'vai': expected via GW or dev IF; did you mean via?" },
	{ "cable ns1 ns2 subent 10.0.9.0/24", 3, "did you mean subnet?" },
	{ "nat r1 tyep symmetric", 2, "'tyep': expected out IF, type T, timeout T, mapping M, filtering F, ports P or hairpin on|off; usage: nat NODE [out IF] [type T] [mapping M] [filtering F] [ports P] [hairpin on|off] [timeout T] | NODE flush; did you mean type?" },
	{ "nat r1 type symetric", 3, "no such NAT type; expected full-cone, restricted-cone, port-restricted, symmetric or cgnat; did you mean symmetric?" },
	{ "del rotue ns1 default", 1, "'rotue': expected a node, NODE:IF or one of cable, route, addr, nat, forward, impair; did you mean route?" },
	{ "help cabel", 1, "no command 'cabel'; did you mean cable?" },
	/* cables */
	{ "cable ns1 ns1", 2, "a cable cannot join ns1 to itself" },
	{ "cable ns1:eth0 ns2", 1, "ns1 already has an interface eth0" },
	{ "cable ns1 ns2:eth0", 2, "ns2 already has an interface eth0" },
	{ "cable ns1 ns2 10.0.0.1", 3, "the prefix length is missing" },
	{ "cable ns1 ns2 10.0.0.1/24 banana", 4, "'banana': not an IPv4 or IPv6 address" },
	{ "cable ns1 ns2 10.0.0.1/33", 3, "the prefix length must be 0 to 32" },
	{ "cable ns1 ns2 10.0.0.1/24 10.0.0.1/24", 4, "both ends cannot have the same address" },
	{ "cable ns1 ns2 10.0.1.2/24", 3, "ns1 already has this address on eth0" },
	{ "cable sw ns1 10.0.0.1/24", 3, "a switch port takes no address" },
	{ "cable ns1 ns2 subnet", 4, "subnet takes one prefix" },
	{ "cable ns1 ns2 subnet 10.0.0.0/32", 4, "subnet too small for two ends" },
	{ "cable ns1 ns2 subnet 10.0.0.0/24 extra", 5, "'extra': too many arguments" },
	{ "cable ns1 sw subnet 10.0.0.0/24", 3, "on a switch give the node end an address" },
	{ "cable ns1 ns2 1.1.1.1/8 2.2.2.2/8 3.3.3.3/8", 5, "too many arguments" },
	{ "cable ns1", 2, "too few arguments; usage: cable A[:IF] B[:IF]" },
	/* addresses and routes */
	{ "addr ns1:eth0 10.0.1.2/24", 2, "ns1 already has this address on eth0" },
	{ "addr ns1:eth0 300.0.0.1/24", 2, "not an IPv4 or IPv6 address" },
	{ "addr ns1:eth0 10.0.0.1/99", 2, "the prefix length must be 0 to 32" },
	{ "addr sw:ns2 10.0.2.9/24", 1, "is a bridge port" },
	{ "addr host 10.0.5.1/24", 1, "name the interface as host:IF" },
	{ "addr ns1:eth0", 2, "too few arguments" },
	{ "route ns1 default via 10.9.9.9", 4, "'10.9.9.9': gateway is on no subnet of ns1 (its addresses: 10.0.1.2/24)" },
	{ "route ns1 10.0.9.0/24", 3, "too few arguments; usage: route NODE DEST|default" },
	{ "route ns1 10.0.9.0/24 via 10.0.1.1 via", 6, "via needs a gateway address after it" },
	{ "route ns1 10.0.9.0/24 through 10.0.1.1", 3, "'through': expected via GW or dev IF" },
	{ "route ns1 10.0.9.0/24 via", 4, "via needs a gateway address after it" },
	{ "route ns1 10.0.9.7/24 via 10.0.1.1", 2, "has host bits set; did you mean 10.0.9.0/24?" },
	{ "route ns1 10.0.9.0/24 via fd00::1", 4, "gateway and destination are of different families" },
	{ "route ns1 10.0.9.0/24 via 10.0.1.1/24", 4, "a gateway is an address, without /prefix" },
	{ "route ns1 nowhere via 10.0.1.1", 2, "'nowhere': not an IPv4 or IPv6 address" },
	/* up/down/del */
	{ "down ns1 ns2", 2, "no cable joins ns1 and ns2" },
	{ "up host", 1, "name one interface of the host" },
	{ "del host", 1, "the host cannot be deleted" },
	{ "del cable ns1 ns2", 3, "no cable joins ns1 and ns2" },
	{ "del route ns1 10.0.7.0/24", 3, "ns1 has no such route" },
	{ "del addr ns1:eth0 10.0.7.1/24", 3, "ns1:eth0 has no such address" },
	{ "del sw:br0", 1, "is a switch's bridge" },
	{ "del ns1 ns2", 2, "too many arguments" },
	{ "destroy now", 1, "too many arguments" },
	{ "explain maybe", 1, "'maybe': expected on, off or a command to explain" },
	{ "ns1", 1, "'ns1' is a node: give a program to run in it" },
	/* nat, forward, nft (more in test-nat.c) */
	{ "nat r1", 1, "'r1' has no default route, so its WAN side is unknown; name it: nat r1 out IF (its interfaces: eth0)" },
	{ "nat r1 out eth9", 3, "'eth9': r1 has no interface eth9 (it has: eth0)" },
	{ "nat r1 type cone", 3, "'cone': no such NAT type; expected full-cone, restricted-cone, port-restricted, symmetric or cgnat" },
	{ "nat sw", 1, "'sw' is a switch" },
	{ "forward r1 tcp 80 to ns1", 1, "'r1' has no NAT to forward through; nat r1 first" },
	/* link conditions */
	{ "impair ns1 r1", 3, "give a condition: delay T, jitter T, loss P% or rate R" },
	{ "impair ns1 r1 rate 10megs", 4, "'10megs': expected a rate, as 10mbit, 500kbit or 1gbit" },
	{ "impair ns1 r1 rate -1mbit", 4, "'-1mbit': expected a rate" },
	{ "impair ns1 r1 delay 40", 4, "'40': expected a time, as 40ms" },
	{ "impair ns1 r1 loss 150%", 4, "'150%': a loss is at most 100%" },
	{ "impair ns1 r1 loss 1", 4, "'1': expected a percentage" },
	{ "impair ns1 r1 ratee 1mbit", 3, "'ratee': expected delay, jitter, loss or rate; did you mean rate?" },
	{ "impair ns1 r1 rate 1mbit rate 2mbit", 5, "'rate' is given twice" },
	{ "impair ns1 r1 delay", 4, "delay needs a value after it" },
	{ "impair ns1 ns2 rate 1mbit", 2, "'ns2': no cable joins ns1 and ns2" },
	{ "impair ns1>ns2 rate 1mbit", 1, "'ns1>ns2': no cable joins ns1 and ns2" },
	{ "impair ns1>zz rate 1mbit", 1, "'zz': no such node" },
	{ "impair ns1", 2, "too few arguments; usage: impair A B|A>B [delay T]" },
	{ "del impair ns1", 3, "name the cable: A B (both ways) or A>B (what A sends to B)" },
	{ "del impair ns1 r1", 2, "'ns1': no link conditions there to remove" },
	{ "del impair ns1 r1 x", 4, "'x': too many arguments; usage: del impair A B|A>B" },
	{ "del nat r1", 2, "'r1' has no NAT made by netsh" },
	{ "del forward r1 udp 53", 4, "'53': r1 forwards no udp port 53" },
	{ "nft host 'list ruleset'", 1, "netsh leaves the host's own firewall alone" },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_bad(SETUP, &bad[i]);
	return unit_done();
}
