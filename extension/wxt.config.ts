import { defineConfig } from 'wxt';

export default defineConfig({
  manifest: ({ browser }) => ({
    name: 'Veneer',
    description: 'Rewrites your feeds on your own screen: hide, collapse or blur what you never want to see.',
    permissions: ['storage'],
    // Content scripts bring their own site access; the edge is reached with CORS, no host permission.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'veneer@veneer.app',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'], optional: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
