/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c: packets of a node's links through libpcap (kernel_capture_*):
 * the handle is activated inside the node's namespace, where its packet
 * socket is made and stays; and pcap files through libpcap's writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

#define SNAPLEN 262144		/* whole packets, GSO ones too */
#define BUFFER (32 << 20)	/* the kernel's ring for this capture */
#define BATCH_MS 100		/* at most this late, when not immediate */

struct capture {
	pcap_t *p;
};

struct dump {
	pcap_t *dead;
	pcap_dumper_t *d;
	char *path;
};

int cap_open(struct kernel *kk, const char *node, const struct nsid *id, const char *ifname,
	     bool immediate, struct capture **out, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct handle *h;
	pcap_t *p;
	int rc;

	if (dlib_pcap(err) < 0)
		return -1;
	handles_trim(k);
	h = handle_get(k, node, id, err);
	if (!h || enter(h, err) < 0)
		return -1;
	p = pcap_create(ifname, errbuf);
	if (p) {
		pcap_set_snaplen(p, SNAPLEN);
		if (immediate)
			pcap_set_immediate_mode(p, 1);	/* each packet as it comes */
		else
			pcap_set_timeout(p, BATCH_MS);	/* a block at a time */
		pcap_set_buffer_size(p, BUFFER);
		rc = pcap_activate(p);
		if (rc < 0) {
			snprintf(errbuf, sizeof(errbuf), "%s", rc == PCAP_ERROR ? pcap_geterr(p)
				 : pcap_statustostr(rc));
			pcap_close(p);
			p = NULL;
		}
	}
	if (back_home(k, node, err) < 0) {
		if (p)
			pcap_close(p);
		return -1;
	}
	if (!p)
		return nerr_set(err, -1, "%s: capturing on %s: %s", node, ifname, errbuf);
	if (pcap_setnonblock(p, 1, errbuf) < 0) {
		pcap_close(p);
		return nerr_set(err, -1, "%s: capturing on %s: %s", node, ifname, errbuf);
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->p = p;
	return 0;
}

int cap_fd(struct capture *c)
{
	return pcap_get_selectable_fd(c->p);
}

int cap_next(struct capture *c, struct packet *pkt)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	int rc = pcap_next_ex(c->p, &hdr, &data);

	if (rc == 1) {
		pkt->sec = hdr->ts.tv_sec;
		pkt->usec = hdr->ts.tv_usec;
		pkt->caplen = hdr->caplen;
		pkt->len = hdr->len;
		pkt->data = data;
		return 1;
	}
	return rc == 0 || rc == PCAP_ERROR_BREAK ? 0 : -1;
}

unsigned cap_drops(struct capture *c)
{
	struct pcap_stat st;

	return pcap_stats(c->p, &st) == 0 ? st.ps_drop : 0;
}

void cap_close(struct capture *c)
{
	if (!c)
		return;
	pcap_close(c->p);
	free(c);
}

int dump_open(struct kernel *kk, const char *path, int linktype, struct dump **out,
	      struct nerr *err)
{
	struct dump *d;

	(void)kk;
	if (dlib_pcap(err) < 0)
		return -1;
	d = xcalloc(1, sizeof(*d));
	d->dead = pcap_open_dead(linktype, SNAPLEN);
	d->d = d->dead ? pcap_dump_open(d->dead, path) : NULL;
	if (!d->d) {
		nerr_set(err, -1, "%s: %s", path, d->dead ? pcap_geterr(d->dead) : "out of memory");
		if (d->dead)
			pcap_close(d->dead);
		free(d);
		return -1;
	}
	d->path = xstrdup(path);
	*out = d;
	return 0;
}

int dump_write(struct dump *d, const struct packet *pkt)
{
	struct pcap_pkthdr hdr = {
		.ts = { .tv_sec = pkt->sec, .tv_usec = pkt->usec },
		.caplen = (bpf_u_int32)pkt->caplen, .len = (bpf_u_int32)pkt->len,
	};

	pcap_dump((u_char *)d->d, &hdr, pkt->data);
	return 0;
}

int dump_close(struct dump *d, struct nerr *err)
{
	int rc = 0;

	if (!d)
		return 0;
	if (pcap_dump_flush(d->d) < 0)
		rc = nerr_set(err, -1, "%s: writing the capture failed", d->path);
	pcap_dump_close(d->d);
	pcap_close(d->dead);
	free(d->path);
	free(d);
	return rc;
}
