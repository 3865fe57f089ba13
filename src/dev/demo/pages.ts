import { people, type Person } from "./synthetic.ts";

// The demo upstream's pages. Each is a function of a row count so the same page can be served
// small (to read) or large (to watch streaming), always with the same bytes for the same count.

export interface Page {
  path: string;
  contentType: string;
  title: string;
  render(rows: number): string;
  defaultRows: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function customerRow(p: Person): string {
  return `      <tr><td>${p.id}</td><td>${escapeHtml(p.name)}</td><td>${p.ssn}</td><td>${p.phone}</td><td>${escapeHtml(p.address)}</td></tr>\n`;
}

const supportPortal: Page = {
  path: "/support/customers",
  contentType: "text/html; charset=utf-8",
  title: "Support portal: customer list with SSNs and phone numbers",
  defaultRows: 25,
  render(rows) {
    const body = people(rows).map(customerRow).join("");
    return `<!doctype html>
<html><head><title>Acme Support — Customers</title></head>
<body>
  <h1>Customer lookup</h1>
  <table>
    <thead><tr><th>#</th><th>Name</th><th>SSN</th><th>Phone</th><th>Address</th></tr></thead>
    <tbody>
${body}    </tbody>
  </table>
</body></html>
`;
  },
};

const userApi: Page = {
  path: "/api/users",
  contentType: "application/json",
  title: "JSON user list with emails and card numbers",
  defaultRows: 20,
  render(rows) {
    const users = people(rows, 11).map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      date_of_birth: p.dateOfBirth,
      billing: { card_number: p.card, address: p.address },
    }));
    return JSON.stringify({ users, total: users.length }, null, 2) + "\n";
  },
};

const commandOutput: Page = {
  path: "/debug/output",
  contentType: "text/html; charset=utf-8",
  title: "Leaked command output (directory listing, interface configuration)",
  defaultRows: 1,
  render(rows) {
    let listing = "";
    const names = ["app.py", "config.yaml", ".env", "id_rsa", "backup.sql", "node_modules"];
    for (let r = 0; r < rows; r++) {
      listing += `total 48
drwxr-xr-x  6 www-data www-data 4096 Mar  3 10:12 .
drwxr-xr-x  3 root     root     4096 Jan 17 08:01 ..
${names.map((n, i) => `-rw-r--r--  1 www-data www-data ${1024 * (i + 1)} Mar  3 10:1${i} ${n}`).join("\n")}
`;
    }
    return `<!doctype html>
<html><head><title>Diagnostics</title></head>
<body>
<h1>Diagnostics</h1>
<pre>
$ ls -la /var/www/app
${listing}
$ cat /etc/passwd | head -3
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin

$ ifconfig eth0
eth0: flags=4163&lt;UP,BROADCAST,RUNNING,MULTICAST&gt;  mtu 1500
        inet 10.12.0.7  netmask 255.255.255.0  broadcast 10.12.0.255
        inet6 fe80::42:acff:fe11:2  prefixlen 64  scopeid 0x20&lt;link&gt;
        ether 02:42:ac:11:00:02  txqueuelen 0  (Ethernet)
        RX packets 183921  bytes 251903114 (240.2 MiB)
        TX packets 91827  bytes 8371622 (7.9 MiB)
</pre>
</body></html>
`;
  },
};

const cleanPage: Page = {
  path: "/clean",
  contentType: "text/html; charset=utf-8",
  title: "A clean page with nothing sensitive",
  defaultRows: 3,
  render(rows) {
    const para = "<p>Our service keeps your data safe. Read the documentation to learn how to configure alerts, dashboards and retention.</p>\n";
    return `<!doctype html>
<html><head><title>About</title></head>
<body>
<h1>About this service</h1>
${para.repeat(rows)}</body></html>
`;
  },
};

export const PAGES: readonly Page[] = [supportPortal, userApi, commandOutput, cleanPage];

export function indexPage(): string {
  const items = PAGES.map((p) => `  <li><a href="${p.path}">${p.path}</a> — ${escapeHtml(p.title)}</li>`).join("\n");
  return `<!doctype html>
<html><head><title>leakscope demo upstream</title></head>
<body>
<h1>leakscope demo upstream</h1>
<p>Synthetic data only. Add <code>?rows=N</code> to make a page larger.</p>
<ul>
${items}
</ul>
</body></html>
`;
}
